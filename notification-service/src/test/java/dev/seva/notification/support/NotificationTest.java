package dev.seva.notification.support;

import dev.seva.devstack.Devstack;
import dev.seva.devstack.DevstackTestResource;
import dev.seva.simulator.standin.GraphApiStandIn;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.restassured.RestAssured;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * What every notification-service test has: the devstack's real Kafka and PostgreSQL, the Graph API
 * stand-in and the document-service stub, a Kafka client, and a stand-in without faults afterwards.
 */
@QuarkusTestResource(value = DevstackTestResource.class, initArgs = @ResourceArg(name = "database", value = "notification"))
@QuarkusTestResource(NotificationTestResource.class)
public abstract class NotificationTest {

    protected static Kafka kafka;
    protected Devstack devstack;
    protected GraphApiStandIn meta;
    protected DocumentServiceStub documents;

    @BeforeEach
    void connect() {
        if (kafka == null) {
            kafka = new Kafka(devstack.kafkaBootstrapServers());
        }
    }

    @AfterEach
    void clearFaults() {
        meta.faults().reset();
    }

    @AfterAll
    static void disconnect() {
        if (kafka != null) {
            kafka.close();
            kafka = null;
        }
    }

    /** A counter of the service's Prometheus metrics (0 when absent), e.g. {@code seva_notification_duplicates_total{reason="taken-over"}}. */
    protected static double metric(String nameAndLabels) {
        for (String line : RestAssured.get("/q/metrics").asString().split("\n")) {
            if (line.startsWith(nameAndLabels + " ")) {
                // "name{labels} value" possibly followed by " # {exemplar} ..."
                return Double.parseDouble(line.substring(nameAndLabels.length() + 1).split(" ")[0]);
            }
        }
        return 0;
    }
}
