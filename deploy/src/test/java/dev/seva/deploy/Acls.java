package dev.seva.deploy;

import io.strimzi.api.kafka.model.user.KafkaUser;
import io.strimzi.api.kafka.model.user.KafkaUserAuthorizationSimple;
import io.strimzi.api.kafka.model.user.acl.AclOperation;
import io.strimzi.api.kafka.model.user.acl.AclResourcePatternType;
import io.strimzi.api.kafka.model.user.acl.AclRule;
import io.strimzi.api.kafka.model.user.acl.AclRuleGroupResource;
import io.strimzi.api.kafka.model.user.acl.AclRuleTopicResource;
import io.strimzi.api.kafka.model.user.acl.AclRuleType;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A KafkaUser's ACLs as plain grants, one per operation: "Read topic whatsapp.inbound.v1",
 * "Write topic …", "Read group conversation-service", "Read group-prefix catalogue-view-".
 * Describe is left out (Read and Write imply it; the manifests grant it explicitly for readers).
 */
final class Acls {

    record Grant(String operation, String resourceType, String name) {
        @Override
        public String toString() {
            return operation + " " + resourceType + " " + name;
        }
    }

    private Acls() {
    }

    static List<AclRule> rules(KafkaUser user) {
        if (!(user.getSpec().getAuthorization() instanceof KafkaUserAuthorizationSimple simple)) {
            throw new AssertionError("KafkaUser " + user.getMetadata().getName() + " has no simple authorization");
        }
        return simple.getAcls();
    }

    /** Every allowed grant but Describe, as strings ("Read topic x"); denies and other hosts fail. */
    static Set<String> grants(KafkaUser user) {
        Set<String> grants = new TreeSet<>();
        for (AclRule rule : rules(user)) {
            String who = user.getMetadata().getName();
            if (rule.getType() != null && rule.getType() != AclRuleType.ALLOW) {
                throw new AssertionError(who + ": only allow rules are expected");
            }
            if (rule.getHost() != null && !rule.getHost().equals("*")) {
                throw new AssertionError(who + ": host-bound rules are not expected");
            }
            String resource = resource(rule);
            for (AclOperation op : rule.getOperations()) {
                if (op != AclOperation.DESCRIBE) {
                    grants.add(op.toValue() + " " + resource);
                }
            }
        }
        return grants;
    }

    /** The set of resources the user holds any grant on, Describe included ("topic x", "group y"). */
    static Set<String> resources(KafkaUser user) {
        Set<String> resources = new TreeSet<>();
        rules(user).forEach(r -> resources.add(resource(r)));
        return resources;
    }

    private static String resource(AclRule rule) {
        if (rule.getResource() instanceof AclRuleTopicResource t) {
            return (t.getPatternType() == AclResourcePatternType.PREFIX ? "topic-prefix " : "topic ") + t.getName();
        }
        if (rule.getResource() instanceof AclRuleGroupResource g) {
            return (g.getPatternType() == AclResourcePatternType.PREFIX ? "group-prefix " : "group ") + g.getName();
        }
        return rule.getResource().getType();
    }
}
