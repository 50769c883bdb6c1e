package dev.seva.document;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seva.contracts.ContractAssertions;
import dev.seva.contracts.ContractExamples;
import dev.seva.contracts.Topics;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.util.List;

/**
 * The catalogue as catalogue-service publishes it on the compacted {@code catalogue.services.v1}:
 * document-service signs an approval only for the document type of the approving department's service.
 */
public final class TestCatalogue {

    record Service(String id, String departmentId, String documentType) {
    }

    static final Service INCOME = new Service("rev-income-certificate", "revenue", "income_certificate");
    static final Service CASTE = new Service("rev-caste-certificate", "revenue", "caste_certificate");
    static final Service BIRTH = new Service("mun-birth-certificate", "municipal", "birth_certificate");

    private TestCatalogue() {
    }

    /** A producer to the devstack's broker (acks=all) that has published the test services: what every Quarkus test starts with. */
    public static KafkaProducer<String, String> producer(String bootstrapServers) {
        java.util.Properties p = new java.util.Properties();
        p.put(org.apache.kafka.clients.producer.ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(org.apache.kafka.clients.producer.ProducerConfig.ACKS_CONFIG, "all");
        KafkaProducer<String, String> producer = new KafkaProducer<>(p, new org.apache.kafka.common.serialization.StringSerializer(),
                new org.apache.kafka.common.serialization.StringSerializer());
        publish(producer);
        return producer;
    }

    /** Publishes the test services (idempotent: the topic is compacted by service id). */
    public static void publish(KafkaProducer<String, String> producer) {
        for (Service s : List.of(INCOME, CASTE, BIRTH)) {
            ObjectNode published = ContractExamples.load("catalogue.services.v1", "income-certificate").deepCopy();
            ((ObjectNode) published.get("service")).put("id", s.id()).put("departmentId", s.departmentId()).put("documentType", s.documentType());
            ContractAssertions.assertConforms(Topics.CATALOGUE_SERVICES, published);
            try {
                producer.send(new ProducerRecord<>(Topics.CATALOGUE_SERVICES, s.id(), published.toString())).get();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
