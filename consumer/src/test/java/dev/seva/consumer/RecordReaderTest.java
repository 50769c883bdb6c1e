package dev.seva.consumer;

import dev.seva.contracts.citizen.CitizenErasureRequested;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Reading a record against its topic's contract: what passes is the contract's record, what does not says why, without the value. */
class RecordReaderTest {

    @Test
    void readsARecordThatKeepsItsContract() {
        CitizenErasureRequested event = RecordReader.read(Records.erasure(Records.ERASURE), CitizenErasureRequested.class);

        assertThat(event.citizenRef()).isEqualTo("cit_7QbX2mK9pL4sT8vW1yZ3");
        assertThat(event.reason()).isEqualTo(CitizenErasureRequested.Reason.CITIZEN_REQUEST);
    }

    @Test
    void refusesWhatIsNotARecordOfTheContractWithAReasonThatNamesTheRuleNotTheValue() {
        assertThatThrownBy(() -> RecordReader.read(Records.erasure(null), CitizenErasureRequested.class))
                .isInstanceOf(UnprocessableRecord.class).hasMessage("empty record");
        assertThatThrownBy(() -> RecordReader.read(Records.erasure("not json at all 919876543210"), CitizenErasureRequested.class))
                .isInstanceOf(UnprocessableRecord.class).hasMessage("not JSON");
        String badRef = Records.ERASURE.replace("cit_7QbX2mK9pL4sT8vW1yZ3", "919876543210");
        assertThatThrownBy(() -> RecordReader.read(Records.erasure(badRef), CitizenErasureRequested.class))
                .isInstanceOf(UnprocessableRecord.class)
                .hasMessageStartingWith("breaks its contract: ").hasMessageContaining("/citizenRef")
                .hasMessageNotContaining("919876543210");
    }
}
