package dev.seva.desk.domain;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TransitionsTest {

    @Test
    void theWorkFlowsFromNewThroughAcceptedAndAQuestionToADecision() {
        assertThat(Transitions.next(ApplicationStatus.NEW, new OfficerAction.Accept())).isEqualTo(ApplicationStatus.ACCEPTED);
        assertThat(Transitions.next(ApplicationStatus.ACCEPTED, new OfficerAction.Ask("Please send your ration card", "media")))
                .isEqualTo(ApplicationStatus.AWAITING_CITIZEN);
        assertThat(Transitions.next(ApplicationStatus.AWAITING_CITIZEN, new OfficerAction.Reject("Not eligible: income too high")))
                .isEqualTo(ApplicationStatus.REJECTED);
        assertThat(Transitions.next(ApplicationStatus.NEW, new OfficerAction.Approve(Map.of()))).isEqualTo(ApplicationStatus.APPROVED);
        assertThat(Transitions.next(ApplicationStatus.APPROVED, new OfficerAction.Note("filed"))).isEqualTo(ApplicationStatus.APPROVED);
    }

    @Test
    void aDecidedApplicationCannotBeDecidedAgain() {
        assertThatThrownBy(() -> Transitions.next(ApplicationStatus.APPROVED, new OfficerAction.Reject("changed my mind")))
                .isInstanceOfSatisfying(ActionRefused.class, e -> {
                    assertThat(e.kind()).isEqualTo(ActionRefused.Kind.CONFLICT);
                    assertThat(e.getMessage()).contains("already approved");
                });
        assertThatThrownBy(() -> Transitions.next(ApplicationStatus.ACCEPTED, new OfficerAction.Accept()))
                .isInstanceOfSatisfying(ActionRefused.class, e -> assertThat(e.code()).isEqualTo("already-accepted"));
        assertThatThrownBy(() -> Transitions.next(ApplicationStatus.REJECTED, new OfficerAction.Assign("officer.a")))
                .isInstanceOf(ActionRefused.class);
    }

    @Test
    void withdrawnAndErasedApplicationsRefuseEveryActionEvenANote() {
        assertThatThrownBy(() -> Transitions.next(ApplicationStatus.WITHDRAWN, new OfficerAction.Note("x")))
                .isInstanceOfSatisfying(ActionRefused.class, e -> assertThat(e.kind()).isEqualTo(ActionRefused.Kind.GONE));
        assertThatThrownBy(() -> Transitions.next(ApplicationStatus.ERASED, new OfficerAction.Approve(Map.of())))
                .isInstanceOfSatisfying(ActionRefused.class, e -> assertThat(e.message("te")).contains("తొలగించమని"));
    }

    @Test
    void badInputIsRefusedWithTheFieldAtFault() {
        assertThatThrownBy(() -> Transitions.next(ApplicationStatus.NEW, new OfficerAction.Reject("no")))
                .isInstanceOfSatisfying(ActionRefused.class, e -> assertThat(e.field()).isEqualTo("reason"));
        assertThatThrownBy(() -> Transitions.next(ApplicationStatus.NEW, new OfficerAction.Ask("What is \u0007 this?", null)))
                .isInstanceOfSatisfying(ActionRefused.class, e -> assertThat(e.field()).isEqualTo("question"));
        assertThatThrownBy(() -> Transitions.next(ApplicationStatus.NEW, new OfficerAction.Assign("x'; DROP TABLE")))
                .isInstanceOfSatisfying(ActionRefused.class, e -> assertThat(e.field()).isEqualTo("officer"));
        assertThatThrownBy(() -> Transitions.next(ApplicationStatus.NEW, new OfficerAction.Approve(Map.of("bad key", "v"))))
                .isInstanceOfSatisfying(ActionRefused.class, e -> assertThat(e.field()).isEqualTo("fields"));
        assertThatThrownBy(() -> Transitions.next(ApplicationStatus.NEW, new OfficerAction.Ask("Send it", "video")))
                .isInstanceOfSatisfying(ActionRefused.class, e -> assertThat(e.field()).isEqualTo("answerType"));
    }
}
