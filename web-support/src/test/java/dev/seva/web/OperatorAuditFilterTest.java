package dev.seva.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.arc.Arc;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A real Quarkus application built from this jar: the audit filter and the guard are discovered (they are
 * beans of a library, found through META-INF/beans.xml), and an operator's request writes one JSON line to
 * logger seva.audit. Tried: an allowed call, a refused one (403: wrong role), a call with a query string and
 * a body holding a phone number, an unauthenticated call and a public page (no line for either).
 */
@QuarkusTest
class OperatorAuditFilterTest {

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            lines.add(record.getMessage());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void listen() {
        Logger.getLogger(OperatorAuditFilter.LOGGER).addHandler(capture);
    }

    @AfterEach
    void stop() {
        Logger.getLogger(OperatorAuditFilter.LOGGER).removeHandler(capture);
    }

    private JsonNode onlyLine() throws Exception {
        await().until(() -> !lines.isEmpty());
        assertThat(lines).hasSize(1);
        return new ObjectMapper().readTree(lines.get(0));
    }

    @Test
    void theGuardIsABeanOfEveryServiceThatDependsOnThisLibrary() {
        assertThat(Arc.container().instance(DevelopmentSecretsGuard.class).isAvailable()).isTrue();
    }

    @Test
    void anOperatorsCallIsAuditedWithSubjectRolesMethodPathAndStatus() throws Exception {
        given().header("X-Test-User", "ops.kumar").header("X-Test-Roles", "catalogue-admin")
                .when().get("/admin/services").then().statusCode(200);
        JsonNode line = onlyLine();
        assertThat(line.path("subject").asText()).isEqualTo("ops.kumar");
        assertThat(line.path("roles")).extracting(JsonNode::asText).containsExactly("catalogue-admin");
        assertThat(line.path("method").asText()).isEqualTo("GET");
        assertThat(line.path("path").asText()).isEqualTo("/admin/services");
        assertThat(line.path("status").asInt()).isEqualTo(200);
        assertThat(line.path("time").asText()).isNotBlank();
    }

    @Test
    void aRefusedCallIsAuditedToo() throws Exception {
        given().header("X-Test-User", "officer.apsrtc").header("X-Test-Roles", "officer")
                .when().get("/admin/services").then().statusCode(403);
        JsonNode line = onlyLine();
        assertThat(line.path("subject").asText()).isEqualTo("officer.apsrtc");
        assertThat(line.path("status").asInt()).isEqualTo(403);
    }

    @Test
    void neitherTheBodyNorTheQueryStringIsWritten() throws Exception {
        given().header("X-Test-User", "ops.kumar").header("X-Test-Roles", "catalogue-admin")
                .queryParam("phone", "919876543210").body("{\"citizen\":\"919812345678\"}").contentType("application/json")
                .when().post("/admin/services/rev-income").then().statusCode(200);
        JsonNode line = onlyLine();
        assertThat(line.path("path").asText()).isEqualTo("/admin/services/rev-income");
        assertThat(lines.get(0)).doesNotContain("919876543210").doesNotContain("919812345678");
    }

    @Test
    void anonymousCallsAndPublicPagesWriteNothing() {
        given().when().get("/admin/services").then().statusCode(401);
        given().header("X-Test-User", "ops.kumar").when().get("/verify/abc").then().statusCode(200);
        given().when().get("/verify/abc").then().statusCode(200);
        assertThat(lines).isEmpty();
    }
}
