package dev.seva.notification.domain;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class FailureTest {

    @ParameterizedTest(name = "HTTP {0} code {1}: {2}")
    @CsvSource({
            "429, 130429, RETRYABLE",
            "400, 131056, RETRYABLE",
            "429, 4, RETRYABLE",
            "500, 131000, RETRYABLE",
            "503, 2, RETRYABLE",
            "502, , RETRYABLE",
            "429, , RETRYABLE",
            "400, 131047, REENGAGEMENT",
            "400, 131053, STALE_MEDIA",
            "400, 131026, PERMANENT",
            "400, 100, PERMANENT",
            "400, 131009, PERMANENT",
            "400, 131030, PERMANENT",
            "401, 190, PERMANENT",
            "400, 131049, PERMANENT",
            "400, 131048, PERMANENT",
            "404, , PERMANENT"})
    void classifiesMetasErrorsAsItsDocumentationAdvises(int status, Integer code, Failure.Kind kind) {
        assertThat(Failure.classify(status, code)).isEqualTo(kind);
    }

    @ParameterizedTest(name = "document-service HTTP {0}: {1}")
    @CsvSource({"404, PERMANENT", "410, PERMANENT", "401, PERMANENT", "403, PERMANENT", "500, RETRYABLE", "503, RETRYABLE"})
    void retriesDocumentServiceOnlyWhenItMayRecover(int status, Failure.Kind kind) {
        assertThat(Failure.document(status).kind()).isEqualTo(kind);
    }
}
