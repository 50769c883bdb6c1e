package dev.seva.conversation.domain;

import dev.seva.contracts.LocalizedText;
import dev.seva.contracts.catalogue.FieldDefinition;
import dev.seva.contracts.catalogue.FieldDefinition.FieldType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

class FieldValidationTest {

    static final LocalDate TODAY = LocalDate.of(2026, 11, 28);
    /** Nothing fetched from the vault yet. */
    static final Facts NONE = Facts.none();

    @ParameterizedTest(name = "{0} ''{1}'' → {2}")
    @CsvSource(delimiter = '|', value = {
            "MOBILE|9876543210|9876543210",
            "MOBILE|+91 98765 43210|9876543210",
            "MOBILE|09876543210|9876543210",
            "MOBILE|5876543210|field.invalid.mobile",
            "MOBILE|98765|field.invalid.mobile",
            "PINCODE|520010|520010",
            "PINCODE|52O010|field.invalid.pincode",
            "PINCODE|020010|field.invalid.pincode",
            "DATE|15-08-1990|1990-08-15",
            "DATE|15/08/1990|1990-08-15",
            "DATE|31-02-1990|field.invalid.date.format",
            "DATE|1990-08-15|field.invalid.date.format",
            "NAME|Lakshmi Devi|Lakshmi Devi",
            "NAME|లక్ష్మి దేవి|లక్ష్మి దేవి",
            "NAME|R2D2|field.invalid.name",
            "NUMBER|84,000|84000",
            "NUMBER|lots|field.invalid.number",
            "EMAIL|Lakshmi@Example.in|lakshmi@example.in",
            "EMAIL|lakshmi@|field.invalid.email",
            "AADHAAR|1234 5678 9012|field.invalid.aadhaar.start",
            "AADHAAR|2345678|field.invalid.aadhaar.length",
            "AADHAAR|[Aadhaar XXXX XXXX 1235]|field.invalid.aadhaar.checksum",
            // Kept and sent to departments as typed: an Aadhaar number is refused there, in clear or as a token.
            "NUMBER|499123456783|field.invalid.aadhaar.elsewhere",
            "REFERENCE|[Aadhaar XXXX XXXX 6783, aad_fromthegateway0123456789]|field.invalid.aadhaar.elsewhere",
            "EMAIL|499123456783@example.in|field.invalid.aadhaar.elsewhere",
            // ... but twelve digits that are no Aadhaar (first digit 1) are a reference like any other.
            "REFERENCE|123456789012|123456789012"})
    void eachTypeHasItsCanonicalFormOrItsReason(FieldType type, String typed, String expected) {
        FieldDefinition field = new FieldDefinition("f", type, true, LocalizedText.english("?"), null, null);
        Validated result = FieldValidation.check(field, new CitizenInput.Text(typed), Language.EN, TODAY, NONE);
        if (expected.startsWith("field.invalid")) {
            assertThat(result).isInstanceOfSatisfying(Validated.Invalid.class, i -> assertThat(i.reasonKey()).isEqualTo(expected));
        } else {
            assertThat(result).isInstanceOfSatisfying(Validated.Valid.class, v -> {
                String canonical = v.answer().value() != null ? v.answer().value() : Long.toString(v.answer().number().longValue());
                assertThat(canonical).isEqualTo(expected);
            });
        }
    }

    @Test
    void datesRespectPastAndFutureRules() {
        FieldDefinition birth = new FieldDefinition("dob", FieldType.DATE, true, LocalizedText.english("?"),
                new FieldDefinition.Validation(null, null, null, null, null, true, null, null), null);
        assertThat(FieldValidation.check(birth, new CitizenInput.Text("01-01-2030"), Language.EN, TODAY, NONE))
                .isInstanceOfSatisfying(Validated.Invalid.class, i -> assertThat(i.reasonKey()).isEqualTo("field.invalid.date.past"));
    }

    @Test
    void aValidAadhaarBecomesATokenAndAMaskedFormOnly() {
        String valid = "23456789012" + dev.seva.privacy.aadhaar.Verhoeff.checkDigit("23456789012");
        FieldDefinition field = new FieldDefinition("aadhaar", FieldType.AADHAAR, true, LocalizedText.english("?"), null, null);
        // First the vault is asked to tokenize it for the citizen; then the answer holds only token and masked form.
        assertThat(FieldValidation.check(field, new CitizenInput.Text(valid), Language.EN, TODAY, NONE))
                .isEqualTo(new Validated.NeedsVault(valid));
        Facts vaulted = Facts.none().with(new Need.Protect(valid), new VaultForTests().protect(valid));
        Validated.Valid result = (Validated.Valid) FieldValidation.check(field, new CitizenInput.Text(valid), Language.EN, TODAY, vaulted);
        assertThat(result.answer().aadhaar().token()).isEqualTo(VaultForTests.TOKEN);
        assertThat(result.answer().aadhaar().masked()).isEqualTo("XXXX XXXX " + valid.substring(8));
        assertThat(result.answer().value()).isNull();
        assertThat(result.answer().display()).doesNotContain(valid.substring(0, 8));
    }

    @Test
    void aTextFieldKeepsTheTokenBoundToTheCitizenAndMasksWhatIsNoAadhaar() {
        FieldDefinition remarks = new FieldDefinition("remarks", FieldType.TEXT, true, LocalizedText.english("?"), null, null);
        String said = "card " + VaultForTests.form("499123456783", "aad_fromthegateway0123456789");
        assertThat(FieldValidation.check(remarks, new CitizenInput.Text(said), Language.EN, TODAY, NONE)).isEqualTo(new Validated.NeedsVault(said));
        Facts vaulted = Facts.none().with(new Need.Protect(said), new VaultForTests().protect(said));
        assertThat(FieldValidation.check(remarks, new CitizenInput.Text(said), Language.EN, TODAY, vaulted))
                .isInstanceOfSatisfying(Validated.Valid.class, v -> assertThat(v.answer().value()).isEqualTo(said));
        // Twelve digits failing the check digit need no vault: masked.
        assertThat(FieldValidation.check(remarks, new CitizenInput.Text("old card 4991 2345 6784"), Language.EN, TODAY, NONE))
                .isInstanceOfSatisfying(Validated.Valid.class, v -> assertThat(v.answer().value()).isEqualTo("old card [Aadhaar XXXX XXXX 6784]"));
    }

    @Test
    void aDocumentMustBeAPdfAndAStickerIsNoAnswer() {
        FieldDefinition proof = new FieldDefinition("proof", FieldType.MEDIA, true, LocalizedText.english("?"), null, null);
        assertThat(FieldValidation.check(proof, new CitizenInput.Media("m1", "application/pdf", "document", "a.pdf"), Language.EN, TODAY, NONE))
                .isInstanceOf(Validated.Valid.class);
        assertThat(FieldValidation.check(proof, new CitizenInput.Media("m2", "application/zip", "document", "a.zip"), Language.EN, TODAY, NONE))
                .isInstanceOf(Validated.Invalid.class);
        assertThat(FieldValidation.check(proof, new CitizenInput.Other("sticker"), Language.EN, TODAY, NONE))
                .isInstanceOf(Validated.Invalid.class);
    }
}
