package dev.seva.desk.web;

import org.junit.jupiter.api.Test;

import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

class TextsTest {

    @Test
    void englishAndTeluguHaveTheSameKeysAndNoneIsEmpty() {
        Properties en = Texts.load("en");
        Properties te = Texts.load("te");
        assertThat(te.stringPropertyNames()).containsExactlyInAnyOrderElementsOf(en.stringPropertyNames());
        en.forEach((k, v) -> assertThat(v.toString()).as(k.toString()).isNotBlank());
        te.forEach((k, v) -> assertThat(v.toString()).as(k.toString()).isNotBlank());
    }

    @Test
    void placeholdersAreFilledAndApostrophesKept() {
        assertThat(Texts.of("en").format("app.title.one", "SEVA-RTC-2026-000001")).isEqualTo("Application SEVA-RTC-2026-000001");
        assertThat(Texts.of("en").get("app.answers")).isEqualTo("The citizen's answers");
        assertThat(Texts.of("te").format2("queue.page", 2, 5)).isEqualTo("పేజీ 2 / 5");
        assertThat(Texts.of("xx").language()).isEqualTo("en");
    }
}
