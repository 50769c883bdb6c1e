package dev.seva.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import io.strimzi.api.kafka.model.user.KafkaUser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static dev.seva.contracts.Topics.deadLetter;
import static dev.seva.contracts.Topics.departmentAnswers;
import static dev.seva.contracts.Topics.departmentApplications;
import static dev.seva.contracts.Topics.departmentLookups;
import static dev.seva.contracts.Topics.departmentOutcomes;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample Revenue department approves every complete application: where citizens are, anyone on
 * WhatsApp would get a signed certificate. Staging and production contain none of its workload (no
 * object of department-revenue, no container of its image); Revenue as a department stays in them: its
 * topics and the platform's ACLs on its topics, its applications worked in the department desk (Revenue
 * has no system of its own there, so no Kafka user dept-revenue either). Only the local overlay runs
 * the sample, as dept-revenue, and there the desk leaves Revenue to it.
 */
class SampleDepartmentTest {

    static final String SAMPLE = "department-revenue";
    static final String SAMPLE_IMAGE = "seva/department-revenue";

    @ParameterizedTest
    @ValueSource(strings = {"staging", "production"})
    void stagingAndProductionRunNoSampleDepartment(String overlay) {
        Manifests m = Manifests.of(overlay);

        assertThat(sampleObjects(m)).as(overlay + ": objects of the sample department").isEmpty();
        assertThat(images(m)).as(overlay + ": container images").noneMatch(SampleDepartmentTest::isSampleImage);
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "production"})
    void revenueStaysADepartmentWorkedInTheDeskWithThePlatformsAccess(String overlay) {
        Manifests m = Manifests.of(overlay);
        String outcomes = departmentOutcomes("revenue");

        assertThat(m.all(KafkaTopic.class)).extracting(t -> t.getSpec().getTopicName())
                .contains(departmentApplications("revenue"), outcomes, deadLetter(outcomes), deadLetter(departmentApplications("revenue")));
        for (String platform : List.of("conversation-service", "document-service")) {
            assertThat(Acls.grants(m.one(KafkaUser.class, platform))).as(overlay + ": " + platform + " on Revenue's outcomes")
                    .contains("Read topic " + outcomes);
        }
        assertThat(ContractTopics.departmentsOfTheDesk(m)).as(overlay + ": the desk serves Revenue").contains("revenue");
        assertThat(Acls.grants(m.one(KafkaUser.class, ContractTopics.DESK))).as(overlay + ": the desk on Revenue's topics")
                .contains("Read topic " + departmentApplications("revenue"), "Write topic " + outcomes,
                        "Read topic " + departmentLookups("revenue"), "Write topic " + departmentAnswers("revenue"));
        assertThat(m.has(KafkaUser.class, "dept-revenue")).as(overlay + ": no second identity deciding Revenue's applications").isFalse();
    }

    @Test
    void onlyTheLocalOverlayRunsTheSample() {
        Manifests local = Manifests.of("local");
        assertThat(sampleObjects(local)).extracting(o -> o.kind())
                .contains("Deployment", "ScaledObject", "ServiceAccount", "Service", "NetworkPolicy");
        assertThat(images(local)).anyMatch(SampleDepartmentTest::isSampleImage);
        assertThat(local.has(KafkaUser.class, "dept-revenue")).as("the sample connects as Revenue's own system").isTrue();
        assertThat(ContractTopics.departmentsOfTheDesk(local)).as("local: the desk leaves Revenue to the sample").doesNotContain("revenue");
        assertThat(Kustomize.overlays()).as("overlays that may run the sample are named here").contains("local", "staging", "production");
    }

    /** Every object of the sample's workload: by name, by its app label, or selecting its pods. */
    static List<Manifests.Obj> sampleObjects(Manifests m) {
        List<Manifests.Obj> found = new ArrayList<>();
        for (Manifests.Obj o : m.objects()) {
            JsonNode raw = o.raw();
            boolean named = SAMPLE.equals(o.name());
            boolean labelled = SAMPLE.equals(raw.at("/metadata/labels/app.kubernetes.io~1name").asText(null));
            boolean selecting = SAMPLE.equals(raw.at("/spec/selector/matchLabels/app.kubernetes.io~1name").asText(null))
                    || SAMPLE.equals(raw.at("/spec/selector/app.kubernetes.io~1name").asText(null))
                    || SAMPLE.equals(raw.at("/spec/podSelector/matchLabels/app.kubernetes.io~1name").asText(null))
                    || SAMPLE.equals(raw.at("/spec/scaleTargetRef/name").asText(null));
            if ((named || labelled || selecting) && !Set.of("KeycloakRealmImport").contains(o.kind())) {
                found.add(o);
            }
        }
        return found;
    }

    /** Every container image named anywhere in the overlay (Deployments, StatefulSets, any pod template). */
    static List<String> images(Manifests m) {
        List<String> images = new ArrayList<>();
        m.objects().forEach(o -> collectImages(o.raw(), images));
        return images;
    }

    private static void collectImages(JsonNode node, List<String> into) {
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> {
                if (e.getKey().equals("image") && e.getValue().isTextual()) {
                    into.add(e.getValue().asText());
                } else {
                    collectImages(e.getValue(), into);
                }
            });
        } else if (node.isArray()) {
            node.forEach(n -> collectImages(n, into));
        }
    }

    static boolean isSampleImage(String image) {
        String name = image.replaceAll("@.*$", "");
        int slash = name.lastIndexOf('/');
        int colon = name.indexOf(':', slash + 1);
        String withoutTag = colon < 0 ? name : name.substring(0, colon);
        return withoutTag.equals(SAMPLE_IMAGE) || withoutTag.endsWith("/" + SAMPLE_IMAGE);
    }
}
