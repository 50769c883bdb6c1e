package dev.seva.conversation.domain;

import dev.seva.contracts.ContractExamples;
import dev.seva.contracts.catalogue.CatalogueServicePublished;
import dev.seva.contracts.catalogue.ServiceDefinition;
import dev.seva.contracts.handover.HandoverRequested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Handing a citizen over to an officer, and the handover itself, as the state machine sees it. */
class HandoverJourneyTest {

    static final ServiceDefinition INCOME = ContractExamples.load("catalogue.services.v1", "income-certificate",
            CatalogueServicePublished.class).service();
    static final String VALID_AADHAAR = "23456789012" + dev.seva.privacy.aadhaar.Verhoeff.checkDigit("23456789012");

    final Journey journey = new Journey(LocalDate.of(2026, 11, 28));
    final VaultForTests vault = new VaultForTests();

    @ParameterizedTest
    @ValueSource(strings = {"talk to an officer", "Talk to an officer!", "officer", "agent", "human", "talk to human",
            "అధికారితో మాట్లాడాలి", "అధికారి", "अधिकारी से बात करनी है", "अधिकारी", "adhikari", "Adhikari se baat karni hai"})
    void askingForAnOfficerInAnyLanguageStartsAHandover(String typed) {
        Step.Done done = done(Session.menu(Language.EN), new CitizenInput.Text(typed), Facts.none());
        assertThat(done.session().state()).isEqualTo(JourneyState.HANDOVER);
        assertThat(done.replies()).containsExactly(new Reply.Text(Messages.text(Language.EN, "handover.started.text")));
        assertThat(request(done).reason()).isEqualTo(HandoverRequested.Reason.ASKED);
    }

    @Test
    void theHandoverGoesToTheDepartmentOfTheServiceTheCitizenWasApplyingForAndTheDraftIsDropped() {
        Session collecting = Session.menu(Language.TE).atService(INCOME.id(), 3).collecting(2,
                Map.of("aadhaar", new Answer(null, null, null, null, new Answer.AadhaarRef("aad_draft", "XXXX XXXX 1234"), "XXXX XXXX 1234")), false);
        assertThat(journey.step(collecting, new CitizenInput.Text("అధికారితో మాట్లాడాలి"), Facts.none()))
                .isEqualTo(new Step.NeedFacts(new Need.Service(INCOME.id())));
        Step.Done done = done(collecting, new CitizenInput.Text("అధికారితో మాట్లాడాలి"), Facts.none().with(new Need.Service(INCOME.id()), INCOME));
        Effect.RequestHandover request = request(done);
        assertThat(request.departmentId()).isEqualTo(INCOME.departmentId());
        assertThat(request.serviceId()).isEqualTo(INCOME.id());
        assertThat(request.text()).isEqualTo("అధికారితో మాట్లాడాలి");
        assertThat(done.session().answers()).as("the draft is dropped").isEmpty();
        assertThat(done.replies()).containsExactly(new Reply.Text(Messages.text(Language.TE, "handover.started.text")));
    }

    @Test
    void theHandoverGoesToTheDepartmentBeingBrowsedElseToTheHelpDesk() {
        Session browsing = Session.menu(Language.HI).browsing(JourneyState.DEPARTMENT, 1, "transport", null);
        assertThat(request(done(browsing, new CitizenInput.Text("अधिकारी"), Facts.none())).departmentId()).isEqualTo("transport");
        assertThat(request(done(Session.menu(Language.HI), new CitizenInput.Text("अधिकारी"), Facts.none())).departmentId())
                .isEqualTo(HandoverRequested.HELPDESK);
        // Answering a department's question: that application's department, which the service looks up.
        Effect.RequestHandover answering = request(done(Session.menu(Language.EN).answering("SEVA-REV-2026-000123", "q1"),
                new CitizenInput.Text("talk to an officer"), Facts.none()));
        assertThat(answering.departmentId()).isNull();
        assertThat(answering.applicationRef()).isEqualTo("SEVA-REV-2026-000123");
    }

    @Test
    void officerAloneIsAnAnswerWhileAQuestionIsOpenButTheWholeRequestStillHandsOver() {
        Session answering = Session.menu(Language.EN).answering("SEVA-REV-2026-000123", "fatherOccupation");
        Step.Done answered = done(answering, new CitizenInput.Text("Officer"), Facts.none());
        assertThat(answered.effects()).singleElement().isInstanceOfSatisfying(Effect.ProvideInformation.class,
                e -> assertThat(e.answer().value()).isEqualTo("Officer"));
        assertThat(done(answering, new CitizenInput.Text("talk to an officer"), Facts.none()).session().state()).isEqualTo(JourneyState.HANDOVER);

        Session collecting = Session.menu(Language.TE).atService(INCOME.id(), 3).collecting(0, Map.of(), false);
        Facts facts = Facts.none().with(new Need.Service(INCOME.id()), INCOME);
        assertThat(done(collecting, new CitizenInput.Text("అధికారి"), facts).session().state()).isNotEqualTo(JourneyState.HANDOVER);
        assertThat(done(collecting, new CitizenInput.Text("అధికారితో మాట్లాడాలి"), facts).session().state()).isEqualTo(JourneyState.HANDOVER);
    }

    @Test
    void threeSearchesThatFindNothingInARowHandTheCitizenOver() {
        Session s = Session.menu(Language.EN);
        for (int i = 1; i <= 2; i++) {
            String query = "zzq nothing " + i;
            Step.Done missed = done(s, new CitizenInput.Text(query), Facts.none().with(new Need.Search(query), List.of()));
            assertThat(missed.session().misunderstood()).isEqualTo(i);
            assertThat(missed.session().state()).isEqualTo(JourneyState.MENU);
            s = missed.session();
        }
        Step.Done third = done(s, new CitizenInput.Text("zzq nothing 3"), Facts.none().with(new Need.Search("zzq nothing 3"), List.of()));
        assertThat(third.session().state()).isEqualTo(JourneyState.HANDOVER);
        assertThat(third.replies()).containsExactly(new Reply.Text(Messages.text(Language.EN, "handover.not_understood.text")));
        assertThat(request(third).reason()).isEqualTo(HandoverRequested.Reason.NOT_UNDERSTOOD);
        assertThat(request(third).text()).isEqualTo("zzq nothing 3");
        assertThat(request(third).departmentId()).isEqualTo(HandoverRequested.HELPDESK);
    }

    @Test
    void anUnderstoodStepInBetweenStartsTheCountAgain() {
        Session s = Session.menu(Language.EN);
        s = done(s, new CitizenInput.Text("zzq"), Facts.none().with(new Need.Search("zzq"), List.of())).session();
        s = done(s, new CitizenInput.Text("zzq2"), Facts.none().with(new Need.Search("zzq2"), List.of())).session();
        assertThat(s.misunderstood()).isEqualTo(2);
        s = done(s, new CitizenInput.Text("help"), Facts.none()).session();
        assertThat(s.misunderstood()).isZero();
        Step.Done again = done(s, new CitizenInput.Text("zzq3"), Facts.none().with(new Need.Search("zzq3"), List.of()));
        assertThat(again.session().state()).isEqualTo(JourneyState.MENU);
        assertThat(again.session().misunderstood()).isEqualTo(1);
    }

    @Test
    void threeInvalidAnswersToTheSameFieldHandTheCitizenOverToThatDepartment() {
        int aadhaarField = fieldIndex("aadhaar");
        Session s = Session.menu(Language.EN).atService(INCOME.id(), 3).collecting(aadhaarField, Map.of(), false);
        Facts facts = Facts.none().with(new Need.Service(INCOME.id()), INCOME);
        s = done(s, new CitizenInput.Text("1234"), facts).session();
        s = done(s, new CitizenInput.Other("sticker"), facts).session();
        assertThat(s.state()).isEqualTo(JourneyState.COLLECTING);
        assertThat(s.misunderstood()).isEqualTo(2);
        String wrongCheckDigit = VALID_AADHAAR.substring(0, 11) + (Character.getNumericValue(VALID_AADHAAR.charAt(11)) + 1) % 10;
        Step.Done third = done(s, new CitizenInput.Text(wrongCheckDigit), facts);
        assertThat(third.session().state()).isEqualTo(JourneyState.HANDOVER);
        assertThat(request(third).departmentId()).isEqualTo(INCOME.departmentId());
        assertThat(request(third).text()).as("twelve digits are masked even when they are no valid Aadhaar").isEqualTo("[Aadhaar XXXX XXXX " + wrongCheckDigit.substring(8) + "]");
    }

    @Test
    void inAHandoverTextAndPhotosGoToTheOfficerWithoutABotReply() {
        Session handover = Session.handover(Language.EN);
        Step.Done text = done(handover, new CitizenInput.Text("My name is misspelt"), Facts.none());
        assertThat(text.session()).isEqualTo(handover);
        assertThat(text.replies()).isEmpty();
        assertThat(text.effects()).containsExactly(new Effect.ForwardToOfficer("My name is misspelt", null));

        Step.Done photo = done(handover, new CitizenInput.Media("1479537139650973", "image/jpeg", "image", null), Facts.none());
        assertThat(photo.replies()).isEmpty();
        assertThat(photo.effects()).containsExactly(new Effect.ForwardToOfficer(null,
                new Answer.MediaRef("1479537139650973", "image/jpeg", null)));
    }

    @Test
    void anAadhaarNumberWrittenToTheOfficerIsTokenized() {
        Step.Done done = done(Session.handover(Language.EN), new CitizenInput.Text("my aadhaar is " + VALID_AADHAAR.substring(0, 4) + " "
                + VALID_AADHAAR.substring(4, 8) + " " + VALID_AADHAAR.substring(8)), Facts.none());
        Effect.ForwardToOfficer forward = (Effect.ForwardToOfficer) done.effects().get(0);
        assertThat(forward.text()).isEqualTo("my aadhaar is [Aadhaar XXXX XXXX " + VALID_AADHAAR.substring(8) + ", aad_testtoken0123456789]")
                .doesNotContain(VALID_AADHAAR.substring(0, 4) + " " + VALID_AADHAAR.substring(4, 8));
    }

    @Test
    void menuAndCancelDoNotEndAHandoverButAreAnsweredWithAReminder() {
        Session handover = Session.handover(Language.TE);
        for (String typed : List.of("menu", "రద్దు", "help", "back")) {
            Step.Done done = done(handover, new CitizenInput.Text(typed), Facts.none());
            assertThat(done.session().state()).as(typed).isEqualTo(JourneyState.HANDOVER);
            assertThat(done.replies()).as(typed).containsExactly(new Reply.Text(Messages.text(Language.TE, "handover.still.text")));
            assertThat(done.effects()).as(typed).containsExactly(new Effect.ForwardToOfficer(typed, null));
        }
    }

    @Test
    void deleteMyDataStillWorksInAHandoverAndNoGoesBackToIt() {
        Step.Done asked = done(Session.handover(Language.HI), new CitizenInput.Text("मेरा डेटा हटाओ"), Facts.none());
        assertThat(asked.session().state()).isEqualTo(JourneyState.CONFIRMING_ERASURE);
        assertThat(asked.effects()).isEmpty();
        assertThat(done(asked.session(), new CitizenInput.Choice("erase:yes", "हाँ"), Facts.none()).effects()).containsExactly(new Effect.Erase());
        Step.Done kept = done(asked.session(), new CitizenInput.Choice("erase:no", "नहीं"), Facts.none());
        assertThat(kept.session().state()).isEqualTo(JourneyState.HANDOVER);
        assertThat(kept.replies()).containsExactly(new Reply.Text(Messages.text(Language.HI, "erase.kept.text")));
    }

    @Test
    void aStickerInAHandoverIsNotForwardedAndTheCitizenIsTold() {
        Step.Done done = done(Session.handover(Language.EN), new CitizenInput.Other("sticker"), Facts.none());
        assertThat(done.effects()).isEmpty();
        assertThat(done.replies()).containsExactly(new Reply.Text(Messages.text(Language.EN, "handover.unsupported.text")));
    }

    private static Effect.RequestHandover request(Step.Done done) {
        return done.effects().stream().filter(e -> e instanceof Effect.RequestHandover).map(e -> (Effect.RequestHandover) e)
                .findFirst().orElseThrow(() -> new AssertionError("no handover requested: " + done.effects()));
    }

    private static int fieldIndex(String type) {
        for (int i = 0; i < INCOME.fields().size(); i++) {
            if (INCOME.fields().get(i).type().name().equalsIgnoreCase(type)) {
                return i;
            }
        }
        throw new AssertionError("the income certificate example has no " + type + " field");
    }

    private Step.Done done(Session session, CitizenInput input, Facts facts) {
        Step step = vault.step(journey, session, input, facts);
        assertThat(step).as("step needs no more facts").isInstanceOf(Step.Done.class);
        return (Step.Done) step;
    }
}
