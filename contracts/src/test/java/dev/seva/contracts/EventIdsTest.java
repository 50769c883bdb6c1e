package dev.seva.contracts;

import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class EventIdsTest {

    @Test
    void sameNameGivesSameVersion5Id() {
        UUID a = EventIds.nameBased("message", "106540352242922", "wamid.X");
        assertThat(EventIds.nameBased("message", "106540352242922", "wamid.X")).isEqualTo(a);
        assertThat(a.version()).isEqualTo(5);
        assertThat(a.variant()).isEqualTo(2);
    }

    @Test
    void partsCannotBeShiftedIntoTheSameName() {
        assertThat(EventIds.nameBased("ab", "c")).isNotEqualTo(EventIds.nameBased("a", "bc"));
    }

    @Test
    void matchesTheRfc4122Version5Algorithm() {
        // RFC 4122 / RFC 9562 namespace DNS, name "www.example.com" → 2ed6657d-e927-568b-95e1-2665a8aea6a2
        UUID dns = UUID.fromString("6ba7b810-9dad-11d1-80b4-00c04fd430c8");
        assertThat(EventIds.version5(dns, "www.example.com")).isEqualTo(UUID.fromString("2ed6657d-e927-568b-95e1-2665a8aea6a2"));
    }
}
