package dev.seva.deploy;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.networking.v1.IPBlock;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Answers "may this pod open a TCP connection to that endpoint on that port?" the way Kubernetes
 * enforces NetworkPolicies: a pod selected by a policy of a direction is isolated in that direction
 * and admits only what some selecting policy's rule allows; the connection needs the sender's egress
 * and the receiver's ingress.
 */
final class NetworkPolicyModel {

    sealed interface Endpoint permits Pod, External {
    }

    /** A pod: its namespace, labels, and named container ports. */
    record Pod(String name, String namespace, Map<String, String> labels, Map<String, Integer> namedPorts) implements Endpoint {
        @Override
        public String toString() {
            return namespace + "/" + name;
        }
    }

    /** An address outside the cluster (IPv4). */
    record External(String ip) implements Endpoint {
        @Override
        public String toString() {
            return ip;
        }
    }

    private final List<NetworkPolicy> policies;

    NetworkPolicyModel(List<NetworkPolicy> policies) {
        this.policies = List.copyOf(policies);
    }

    boolean allows(Endpoint from, Endpoint to, int port) {
        boolean out = !(from instanceof Pod sender) || egressAllowed(sender, to, port);
        boolean in = !(to instanceof Pod receiver) || ingressAllowed(from, receiver, port);
        return out && in;
    }

    /** The policies whose pod selector selects the pod. */
    List<NetworkPolicy> selecting(Pod pod) {
        return policies.stream()
                .filter(p -> Objects.equals(p.getMetadata().getNamespace(), pod.namespace()))
                .filter(p -> matches(p.getSpec().getPodSelector(), pod.labels()))
                .toList();
    }

    private boolean ingressAllowed(Endpoint from, Pod to, int port) {
        List<NetworkPolicy> isolating = selecting(to).stream().filter(p -> types(p).contains("Ingress")).toList();
        return isolating.isEmpty() || isolating.stream().anyMatch(p -> p.getSpec().getIngress().stream()
                .anyMatch(r -> peersMatch(r.getFrom(), from, ns(p)) && portsMatch(r.getPorts(), to, port)));
    }

    private boolean egressAllowed(Pod from, Endpoint to, int port) {
        List<NetworkPolicy> isolating = selecting(from).stream().filter(p -> types(p).contains("Egress")).toList();
        return isolating.isEmpty() || isolating.stream().anyMatch(p -> p.getSpec().getEgress().stream()
                .anyMatch(r -> peersMatch(r.getTo(), to, ns(p)) && portsMatch(r.getPorts(), to, port)));
    }

    private static List<String> types(NetworkPolicy p) {
        List<String> declared = p.getSpec().getPolicyTypes();
        if (declared != null && !declared.isEmpty()) {
            return declared;
        }
        return p.getSpec().getEgress().isEmpty() ? List.of("Ingress") : List.of("Ingress", "Egress");
    }

    private static String ns(NetworkPolicy p) {
        return p.getMetadata().getNamespace();
    }

    private static boolean peersMatch(List<NetworkPolicyPeer> peers, Endpoint e, String policyNamespace) {
        return peers == null || peers.isEmpty() || peers.stream().anyMatch(peer -> peerMatches(peer, e, policyNamespace));
    }

    private static boolean peerMatches(NetworkPolicyPeer peer, Endpoint e, String policyNamespace) {
        if (peer.getIpBlock() != null) {
            return e instanceof External x && inBlock(peer.getIpBlock(), x.ip());
        }
        if (!(e instanceof Pod pod)) {
            return false;
        }
        boolean podOk = peer.getPodSelector() == null || matches(peer.getPodSelector(), pod.labels());
        if (peer.getNamespaceSelector() != null) {
            return podOk && matches(peer.getNamespaceSelector(), Map.of("kubernetes.io/metadata.name", pod.namespace()));
        }
        return podOk && pod.namespace().equals(policyNamespace);
    }

    private static boolean portsMatch(List<NetworkPolicyPort> ports, Endpoint destination, int port) {
        return ports == null || ports.isEmpty() || ports.stream().anyMatch(p -> portMatches(p, destination, port));
    }

    private static boolean portMatches(NetworkPolicyPort p, Endpoint destination, int port) {
        if (p.getProtocol() != null && !p.getProtocol().equals("TCP")) {
            return false;
        }
        IntOrString value = p.getPort();
        if (value == null) {
            return true;
        }
        if (value.getIntVal() != null) {
            int end = p.getEndPort() == null ? value.getIntVal() : p.getEndPort();
            return port >= value.getIntVal() && port <= end;
        }
        return destination instanceof Pod pod && Integer.valueOf(port).equals(pod.namedPorts().get(value.getStrVal()));
    }

    static boolean matches(LabelSelector selector, Map<String, String> labels) {
        if (selector == null) {
            return true;
        }
        Map<String, String> required = selector.getMatchLabels() == null ? Map.of() : selector.getMatchLabels();
        boolean labelsOk = required.entrySet().stream().allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
        List<LabelSelectorRequirement> expressions = selector.getMatchExpressions() == null ? List.of() : selector.getMatchExpressions();
        return labelsOk && expressions.stream().allMatch(r -> switch (r.getOperator()) {
            case "In" -> labels.containsKey(r.getKey()) && r.getValues().contains(labels.get(r.getKey()));
            case "NotIn" -> !labels.containsKey(r.getKey()) || !r.getValues().contains(labels.get(r.getKey()));
            case "Exists" -> labels.containsKey(r.getKey());
            case "DoesNotExist" -> !labels.containsKey(r.getKey());
            default -> throw new IllegalArgumentException("Unknown selector operator " + r.getOperator());
        });
    }

    private static boolean inBlock(IPBlock block, String ip) {
        return inCidr(block.getCidr(), ip) && (block.getExcept() == null || block.getExcept().stream().noneMatch(c -> inCidr(c, ip)));
    }

    private static boolean inCidr(String cidr, String ip) {
        String[] parts = cidr.split("/");
        if (parts[0].contains(":") || ip.contains(":")) {
            return false;
        }
        int bits = Integer.parseInt(parts[1]);
        long mask = bits == 0 ? 0 : (0xFFFFFFFFL << (32 - bits)) & 0xFFFFFFFFL;
        return (ipv4(parts[0]) & mask) == (ipv4(ip) & mask);
    }

    private static long ipv4(String address) {
        long value = 0;
        for (String octet : address.split("\\.")) {
            value = (value << 8) | Integer.parseInt(octet);
        }
        return value;
    }
}
