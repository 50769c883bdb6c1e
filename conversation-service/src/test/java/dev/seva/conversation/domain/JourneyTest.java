package dev.seva.conversation.domain;

import dev.seva.contracts.ContractExamples;
import dev.seva.contracts.catalogue.CatalogueServicePublished;
import dev.seva.contracts.catalogue.ServiceDefinition;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The state machine, input by input, without any infrastructure. */
class JourneyTest {

    static final ServiceDefinition INCOME = ContractExamples.load("catalogue.services.v1", "income-certificate",
            CatalogueServicePublished.class).service();
    static final String VALID_AADHAAR = "23456789012" + dev.seva.privacy.aadhaar.Verhoeff.checkDigit("23456789012");
    static final Facts.Page DEPARTMENTS = new Facts.Page(1, 2, null, List.of(
            new Facts.Item("revenue", "Revenue", "Certificates and land records"),
            new Facts.Item("municipal", "Municipal", "Property tax, trade licence")));

    final Journey journey = new Journey(LocalDate.of(2026, 11, 28));
    final VaultForTests vault = new VaultForTests();

    @Test
    void aNewCitizenGetsThePrivacyNoticeInTheLanguageTheyWroteIn() {
        Journey.FirstContact english = Journey.firstContact(new CitizenInput.Text("hi"), Language.EN);
        assertThat(english.consent()).isNull();
        assertThat(english.session()).isNull();
        assertThat(buttons(english.replies().get(0))).containsExactly("consent:accept:en", "consent:decline:en");

        Journey.FirstContact telugu = Journey.firstContact(new CitizenInput.Text("నమస్కారం"), Language.EN);
        assertThat(telugu.language()).isEqualTo(Language.TE);
        assertThat(((Reply.Buttons) telugu.replies().get(0)).body()).isEqualTo(Messages.text(Language.TE, "privacy.notice.body"));
    }

    @Test
    void acceptingLeadsToTheLanguageChoiceAndDecliningStoresOnlyTheDecision() {
        Journey.FirstContact accepted = Journey.firstContact(new CitizenInput.Choice("consent:accept:hi", "स्वीकार करें"), Language.EN);
        assertThat(accepted.consent()).isTrue();
        assertThat(accepted.session().state()).isEqualTo(JourneyState.CHOOSING_LANGUAGE);
        assertThat(buttons(accepted.replies().get(0))).containsExactly("lang:en", "lang:te", "lang:hi");

        Journey.FirstContact declined = Journey.firstContact(new CitizenInput.Choice("consent:decline:en", "Decline"), Language.EN);
        assertThat(declined.consent()).isFalse();
        assertThat(declined.session()).isNull();
    }

    @Test
    void choosingTeluguShowsTheMenuInTelugu() {
        Step first = journey.step(Session.start(Language.EN), new CitizenInput.Choice("lang:te", "తెలుగు"), Facts.none());
        assertThat(first).isEqualTo(new Step.NeedFacts(new Need.Departments(1)));
        Step.Done done = (Step.Done) journey.step(Session.start(Language.EN), new CitizenInput.Choice("lang:te", "తెలుగు"),
                Facts.none().with(new Need.Departments(1), DEPARTMENTS));
        assertThat(done.session().state()).isEqualTo(JourneyState.MENU);
        assertThat(done.session().language()).isEqualTo(Language.TE);
        assertThat(done.effects()).containsExactly(new Effect.ChangeLanguage(Language.TE));
        assertThat(((Reply.Text) done.replies().get(0)).body()).isEqualTo(Messages.text(Language.TE, "language.changed.text"));
        Reply.ListMessage menu = (Reply.ListMessage) done.replies().get(1);
        assertThat(menu.rows()).extracting(Reply.Row::id).containsExactly("popular", "status", "dept:revenue", "dept:municipal", "page:2");
    }

    @Test
    void freeTextInTheMenuIsASearchAndAResultOpensTheServiceDetails() {
        Session menu = Session.menu(Language.EN);
        assertThat(journey.step(menu, new CitizenInput.Text("income certificate"), Facts.none()))
                .isEqualTo(new Step.NeedFacts(new Need.Search("income certificate")));
        Step.Done results = done(menu, new CitizenInput.Text("income certificate"), Facts.none().with(new Need.Search("income certificate"),
                List.of(new Facts.Item("rev-income-certificate", "Income certificate", "Revenue"))));
        assertThat(results.session().state()).isEqualTo(JourneyState.SEARCH_RESULTS);
        assertThat(((Reply.ListMessage) results.replies().get(0)).rows()).extracting(Reply.Row::id).containsExactly("svc:rev-income-certificate");

        Step.Done details = done(results.session(), new CitizenInput.Choice("svc:rev-income-certificate", "Income certificate"), withIncome());
        assertThat(details.session().state()).isEqualTo(JourneyState.SERVICE_DETAILS);
        Reply.Buttons buttons = (Reply.Buttons) details.replies().get(0);
        assertThat(buttons.body()).contains("Income certificate").contains("₹45").contains("7 working days").contains("Ration card");
        assertThat(buttons(buttons)).containsExactly("apply", "back", "cmd:menu");
    }

    @Test
    void fieldsAreAskedOneAtATimeAndEachWrongAnswerSaysWhyAndKeepsThePlace() {
        Session details = Session.menu(Language.EN).atService(INCOME.id(), INCOME.version());
        Step.Done asked = done(details, new CitizenInput.Choice("apply", "Apply"), withIncome());
        assertThat(((Reply.Text) asked.replies().get(0)).body()).startsWith("(1 of 3) Applicant's full name");

        Step.Done badName = done(asked.session(), new CitizenInput.Text("12"), withIncome());
        assertThat(badName.session()).as("same question, one more not understood").isEqualTo(asked.session().withMisunderstood(1));
        assertThat(((Reply.Text) badName.replies().get(0)).body()).contains(Messages.text(Language.EN, "field.invalid.name"));

        Step.Done sticker = done(asked.session(), new CitizenInput.Other("sticker"), withIncome());
        assertThat(sticker.session()).isEqualTo(asked.session().withMisunderstood(1));
        assertThat(((Reply.Text) sticker.replies().get(0)).body()).contains(Messages.text(Language.EN, "field.invalid.needs.text"));

        Step.Done named = done(asked.session(), new CitizenInput.Text("Lakshmi Devi"), withIncome());
        assertThat(named.session().fieldIndex()).isEqualTo(1);

        String badChecksum = VALID_AADHAAR.substring(0, 11) + ((VALID_AADHAAR.charAt(11) - '0' + 1) % 10);
        Step.Done wrong = done(named.session(), new CitizenInput.Text(badChecksum), withIncome());
        assertThat(((Reply.Text) wrong.replies().get(0)).body()).contains(Messages.text(Language.EN, "field.invalid.aadhaar.checksum"));
        assertThat(wrong.effects()).isEmpty();

        // The gateway sends the number as its token form; the journey asks the vault to bind it to the citizen.
        String form = VaultForTests.form(VALID_AADHAAR, "aad_fromthegateway0123456789");
        assertThat(journey.step(named.session(), new CitizenInput.Text(form), withIncome()))
                .isEqualTo(Step.need(new Need.Protect(form)));
        Step.Done aadhaar = done(named.session(), new CitizenInput.Text(form), withIncome());
        assertThat(aadhaar.effects()).isEmpty();
        Answer stored = aadhaar.session().answers().get("aadhaar");
        assertThat(stored.aadhaar().token()).isEqualTo("aad_fromthegateway0123456789");
        assertThat(stored.aadhaar().masked()).isEqualTo("XXXX XXXX " + VALID_AADHAAR.substring(8));
        assertThat(stored.toString()).doesNotContain(VALID_AADHAAR);
        Reply.ListMessage purpose = (Reply.ListMessage) aadhaar.replies().get(0);
        assertThat(purpose.rows()).extracting(Reply.Row::id).containsExactly("opt:education", "opt:scholarship", "opt:other");

        Step.Done summary = done(aadhaar.session(), new CitizenInput.Choice("opt:scholarship", "Scholarship"), withIncome());
        assertThat(summary.session().state()).isEqualTo(JourneyState.CONFIRMING);
        Reply.Buttons confirm = (Reply.Buttons) summary.replies().get(0);
        assertThat(confirm.body()).contains("Lakshmi Devi").contains("XXXX XXXX").contains("Scholarship").doesNotContain(VALID_AADHAAR);
        assertThat(buttons(confirm)).containsExactly("confirm", "edit", "cmd:cancel");

        Step.Done submitted = done(summary.session(), new CitizenInput.Choice("confirm", "Confirm"), withIncome());
        assertThat(submitted.effects()).singleElement().isInstanceOfSatisfying(Effect.Submit.class,
                s -> assertThat(s.answers()).containsOnlyKeys("applicantName", "aadhaar", "purpose"));
        assertThat(submitted.session().state()).isEqualTo(JourneyState.MENU);
    }

    @Test
    void editingOneAnswerReturnsToTheSummary() {
        Session confirming = Session.menu(Language.EN).atService(INCOME.id(), 3).confirming(Map.of(
                "applicantName", Answer.text("Lakshmi", "Lakshmi"), "purpose", Answer.text("other", "Other")));
        Step.Done choose = done(confirming, new CitizenInput.Choice("edit", "Edit"), withIncome());
        assertThat(((Reply.ListMessage) choose.replies().get(0)).rows()).extracting(Reply.Row::id).contains("edit:applicantName");
        Step.Done asked = done(choose.session(), new CitizenInput.Choice("edit:applicantName", "Name"), withIncome());
        assertThat(asked.session().editing()).isTrue();
        Step.Done back = done(asked.session(), new CitizenInput.Text("Lakshmi Devi"), withIncome());
        assertThat(back.session().state()).isEqualTo(JourneyState.CONFIRMING);
        assertThat(back.session().answers().get("applicantName").value()).isEqualTo("Lakshmi Devi");
    }

    @Test
    void commandsWorkInEveryStateInEveryLanguage() {
        Session collecting = Session.menu(Language.TE).atService(INCOME.id(), 3).collecting(1,
                Map.of("applicantName", Answer.text("Lakshmi", "Lakshmi")), false);
        assertThat(done(collecting, new CitizenInput.Text("సహాయం"), withIncome()).replies().get(0))
                .isEqualTo(new Reply.Text(Messages.text(Language.TE, "help.text")));
        assertThat(done(collecting, new CitizenInput.Text("వెనుకకు"), withIncome()).session().fieldIndex()).isZero();
        Step.Done cancelled = done(collecting, new CitizenInput.Text("రద్దు"), withIncome());
        assertThat(cancelled.session().state()).isEqualTo(JourneyState.MENU);
        assertThat(cancelled.replies().get(0)).isEqualTo(new Reply.Text(Messages.text(Language.TE, "cancelled.text")));
        assertThat(done(collecting, new CitizenInput.Text("भाषा"), withIncome()).session().state()).isEqualTo(JourneyState.CHOOSING_LANGUAGE);
        assertThat(done(collecting, new CitizenInput.Text("delete my data"), withIncome()).session().state())
                .isEqualTo(JourneyState.CONFIRMING_ERASURE);
        assertThat(journey.step(collecting, new CitizenInput.Text("Menu"), Facts.none().with(new Need.Service(INCOME.id()), INCOME)))
                .isEqualTo(new Step.NeedFacts(new Need.Departments(1)));
    }

    @Test
    void statusWithAReferenceShowsThatApplicationOrSaysItIsUnknown() {
        Facts facts = Facts.none().with(new Need.Applications(), List.of(new Facts.ApplicationInfo("SEVA-REV-2026-000123",
                INCOME.names(), "accepted", Instant.parse("2026-11-20T10:00:00Z"), 7)));
        Session menu = Session.menu(Language.EN);
        Reply.Text known = (Reply.Text) done(menu, new CitizenInput.Text("status SEVA-REV-2026-000123"), facts).replies().get(0);
        assertThat(known.body()).contains("SEVA-REV-2026-000123").contains("accepted, being processed").contains("20-11-2026");
        Reply.Text unknown = (Reply.Text) done(menu, new CitizenInput.Text("status SEVA-REV-2026-999999"), facts).replies().get(0);
        assertThat(unknown.body()).isEqualTo(Messages.text(Language.EN, "status.unknown.text", "SEVA-REV-2026-999999"));
        Reply.ListMessage list = (Reply.ListMessage) done(menu, new CitizenInput.Text("my applications"), facts).replies().get(0);
        assertThat(list.rows()).extracting(Reply.Row::id).containsExactly("app:SEVA-REV-2026-000123");
    }

    @Test
    void erasureIsConfirmedBeforeItHappens() {
        Session asked = Session.menu(Language.HI).inState(JourneyState.CONFIRMING_ERASURE);
        assertThat(done(asked, new CitizenInput.Choice("erase:yes", "हाँ"), Facts.none()).effects()).containsExactly(new Effect.Erase());
        Step.Done kept = done(asked, new CitizenInput.Choice("erase:no", "नहीं"), Facts.none());
        assertThat(kept.effects()).isEmpty();
        assertThat(kept.replies().get(0)).isEqualTo(new Reply.Text(Messages.text(Language.HI, "erase.kept.text")));
    }

    @Test
    void whenTheCatalogueDoesNotAnswerTheCitizenGetsAnApologyAndStaysPut() {
        Session menu = Session.menu(Language.EN);
        Step.Done done = done(menu, new CitizenInput.Text("bus pass"), Facts.none().unavailable(new Need.Search("bus pass")));
        assertThat(done.session()).isEqualTo(menu);
        assertThat(done.replies().get(0)).isEqualTo(new Reply.Text(Messages.text(Language.EN, "catalogue.unavailable.text")));
    }

    @Test
    void aDepartmentsQuestionIsAnsweredWithTheNextMessage() {
        Session answering = Session.menu(Language.EN).answering("SEVA-REV-2026-000123", "fatherOccupation");
        Step.Done done = done(answering, new CitizenInput.Text("Farmer"), Facts.none());
        assertThat(done.effects()).singleElement().isInstanceOfSatisfying(Effect.ProvideInformation.class, e -> {
            assertThat(e.applicationRef()).isEqualTo("SEVA-REV-2026-000123");
            assertThat(e.answer().value()).isEqualTo("Farmer");
        });
    }

    @Test
    void anAadhaarFieldTakesTheGatewaysTokenAClearValidNumberAndRefusesTheRestWithTheirReason() {
        Session atAadhaar = done(done(Session.menu(Language.EN).atService(INCOME.id(), 3), new CitizenInput.Choice("apply", "Apply"), withIncome())
                .session(), new CitizenInput.Text("Lakshmi Devi"), withIncome()).session();
        // A clear valid number (the gateway should have tokenized it): tokenized for the citizen, kept only as token and mask.
        Step.Done clear = done(atAadhaar, new CitizenInput.Text(VALID_AADHAAR), withIncome());
        assertThat(clear.session().answers().get("aadhaar")).isEqualTo(new Answer(null, null, null, null,
                new Answer.AadhaarRef(VaultForTests.TOKEN, "XXXX XXXX " + VALID_AADHAAR.substring(8)), "XXXX XXXX " + VALID_AADHAAR.substring(8)));
        // A token the vault will not bind to this citizen (unknown, purged, another citizen's): typed again.
        String foreign = VaultForTests.form(VALID_AADHAAR, "aad_anothercitizens0123456789");
        vault.refused.add("aad_anothercitizens0123456789");
        Step.Done refused = done(atAadhaar, new CitizenInput.Text(foreign), withIncome());
        assertThat(refused.session()).isEqualTo(atAadhaar.withMisunderstood(1));
        assertThat(((Reply.Text) refused.replies().get(0)).body()).contains(Messages.text(Language.EN, "field.invalid.aadhaar.again"));
        // The gateway's masked form (twelve digits failing the check digit) and clear invalid numbers: their reasons.
        assertThat(((Reply.Text) done(atAadhaar, new CitizenInput.Text("[Aadhaar XXXX XXXX 1235]"), withIncome()).replies().get(0)).body())
                .contains(Messages.text(Language.EN, "field.invalid.aadhaar.checksum"));
        assertThat(((Reply.Text) done(atAadhaar, new CitizenInput.Text("1234 5678 9012"), withIncome()).replies().get(0)).body())
                .contains(Messages.text(Language.EN, "field.invalid.aadhaar.start"));
        assertThat(((Reply.Text) done(atAadhaar, new CitizenInput.Text("2345678"), withIncome()).replies().get(0)).body())
                .contains(Messages.text(Language.EN, "field.invalid.aadhaar.length"));
    }

    @Test
    void anAadhaarNumberInAnAnswerToADepartmentsQuestionReachesItOnlyAsAVaultToken() {
        // Tried: the citizen answers the department's free-text question with their Aadhaar number in the sentence,
        // in clear (defensively: the gateway tokenizes it first) and as the gateway's token form.
        Session answering = Session.menu(Language.EN).answering("SEVA-REV-2026-000123", "fatherOccupation");
        String form = VaultForTests.form("499123456783", "aad_fromthegateway0123456789");
        Step.Done tokenized = done(answering, new CitizenInput.Text("Farmer, my Aadhaar is " + form), Facts.none());
        assertThat(tokenized.effects()).singleElement().isInstanceOfSatisfying(Effect.ProvideInformation.class,
                e -> assertThat(e.answer().value()).isEqualTo("Farmer, my Aadhaar is " + form));
        // A token the vault refused to bind is kept masked only.
        vault.refused.add("aad_fromthegateway0123456789");
        Step.Done unbound = done(answering, new CitizenInput.Text("Farmer, my Aadhaar is " + form), Facts.none());
        assertThat(unbound.effects()).singleElement().isInstanceOfSatisfying(Effect.ProvideInformation.class,
                e -> assertThat(e.answer().value()).isEqualTo("Farmer, my Aadhaar is [Aadhaar XXXX XXXX 6783]"));

        Step.Done done = done(answering, new CitizenInput.Text("Farmer, my Aadhaar is 4991 2345 6783"), Facts.none());
        assertThat(done.effects()).singleElement().isInstanceOfSatisfying(Effect.ProvideInformation.class, e -> {
            assertThat(e.answer().value()).doesNotContain("4991 2345 6783").doesNotContain("499123456783")
                    .contains("XXXX XXXX 6783").contains("aad_testtoken0123456789").startsWith("Farmer");
            assertThat(e.answer().display()).doesNotContain("499123456783").doesNotContain("4991 2345 6783");
        });
    }

    @Test
    void anAadhaarNumberTypedAsASearchIsNotSentToTheCatalogue() {
        // Tried: "income certificate 4991 2345 6783" and "499123456783 caste" typed at the menu.
        Step first = journey.step(Session.menu(Language.EN), new CitizenInput.Text("income certificate 4991 2345 6783"), Facts.none());
        assertThat(first).isInstanceOfSatisfying(Step.NeedFacts.class, n -> assertThat(n.need().toString())
                .doesNotContain("4991").contains("income certificate"));
        Step second = journey.step(Session.menu(Language.EN), new CitizenInput.Text("499123456783 caste"), Facts.none());
        assertThat(second).isInstanceOfSatisfying(Step.NeedFacts.class, n -> assertThat(n.need().toString())
                .doesNotContain("499123456783").contains("caste"));
        // Only a number: nothing is searched, and the reply does not repeat it.
        Step.Done alone = done(Session.menu(Language.EN), new CitizenInput.Text("4991 2345 6783"), Facts.none());
        assertThat(alone.replies().toString()).doesNotContain("4991");
        // The gateway's token and masked forms are stripped too: neither token nor masked number is searched for.
        Step tokenForm = journey.step(Session.menu(Language.EN), new CitizenInput.Text("caste certificate "
                + VaultForTests.form("499123456783", "aad_fromthegateway0123456789") + " [Aadhaar XXXX XXXX 1235]"), Facts.none());
        assertThat(tokenForm).isEqualTo(Step.need(new Need.Search("caste certificate")));
    }

    private Step.Done done(Session session, CitizenInput input, Facts facts) {
        Step step = vault.step(journey, session, input, facts);
        assertThat(step).as("step needs no more facts").isInstanceOf(Step.Done.class);
        return (Step.Done) step;
    }

    private static Facts withIncome() {
        return Facts.none().with(new Need.Service(INCOME.id()), INCOME).with(new Need.Departments(1), DEPARTMENTS);
    }

    private static List<String> buttons(Reply reply) {
        return ((Reply.Buttons) reply).buttons().stream().map(Reply.Button::id).toList();
    }
}
