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
    static final AadhaarTokenizer TOKENIZER = d -> new AadhaarTokenizer.VaultEntry("aad_x0123456789abcdef", "XXXX XXXX " + d.substring(8), "k", new byte[12], new byte[1]);

    @Test
    void verhoeffAcceptsTheCheckDigitAndRefusesEverySingleDigitChange() {
        String base = "49912345678";
        String valid = base + Verhoeff.checkDigit(base);
        assertThat(Verhoeff.isValid(valid)).isTrue();
        for (int position = 0; position < 12; position++) {
            for (int d = 0; d <= 9; d++) {
                if (valid.charAt(position) - '0' == d) {
                    continue;
                }
                String changed = valid.substring(0, position) + d + valid.substring(position + 1);
                assertThat(Verhoeff.isValid(changed)).as(changed).isFalse();
            }
        }
    }

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
            "AADHAAR|2345678|field.invalid.aadhaar.length"})
    void eachTypeHasItsCanonicalFormOrItsReason(FieldType type, String typed, String expected) {
        FieldDefinition field = new FieldDefinition("f", type, true, LocalizedText.english("?"), null, null);
        Validated result = FieldValidation.check(field, new CitizenInput.Text(typed), Language.EN, TODAY, TOKENIZER);
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
        assertThat(FieldValidation.check(birth, new CitizenInput.Text("01-01-2030"), Language.EN, TODAY, TOKENIZER))
                .isInstanceOfSatisfying(Validated.Invalid.class, i -> assertThat(i.reasonKey()).isEqualTo("field.invalid.date.past"));
    }

    @Test
    void aValidAadhaarBecomesATokenAndAMaskedFormOnly() {
        String valid = "23456789012" + Verhoeff.checkDigit("23456789012");
        FieldDefinition field = new FieldDefinition("aadhaar", FieldType.AADHAAR, true, LocalizedText.english("?"), null, null);
        Validated.Valid result = (Validated.Valid) FieldValidation.check(field, new CitizenInput.Text(valid), Language.EN, TODAY, TOKENIZER);
        assertThat(result.answer().aadhaar().masked()).isEqualTo("XXXX XXXX " + valid.substring(8));
        assertThat(result.answer().value()).isNull();
        assertThat(result.answer().display()).doesNotContain(valid.substring(0, 8));
    }

    @Test
    void aDocumentMustBeAPdfAndAStickerIsNoAnswer() {
        FieldDefinition proof = new FieldDefinition("proof", FieldType.MEDIA, true, LocalizedText.english("?"), null, null);
        assertThat(FieldValidation.check(proof, new CitizenInput.Media("m1", "application/pdf", "document", "a.pdf"), Language.EN, TODAY, TOKENIZER))
                .isInstanceOf(Validated.Valid.class);
        assertThat(FieldValidation.check(proof, new CitizenInput.Media("m2", "application/zip", "document", "a.zip"), Language.EN, TODAY, TOKENIZER))
                .isInstanceOf(Validated.Invalid.class);
        assertThat(FieldValidation.check(proof, new CitizenInput.Other("sticker"), Language.EN, TODAY, TOKENIZER))
                .isInstanceOf(Validated.Invalid.class);
    }
}
