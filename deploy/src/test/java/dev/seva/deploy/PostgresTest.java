package dev.seva.deploy;

import dev.seva.deploy.model.Cnpg;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** CloudNativePG: three instances, logical WAL for the outbox relays, backups, a database and a role per service. */
class PostgresTest {

    static final String CLUSTER = "seva-pg";
    /** The services that keep data (the gateway keeps none); each has a database of its own name. */
    static final Set<String> DATABASES = Set.of("conversation", "catalogue", "document", "notification", "desk", "vault", "payment");
    /** The services whose outbox relay reads the WAL (outbox/README.md): their roles need REPLICATION. */
    static final Set<String> OUTBOX_DATABASES = Set.of("conversation", "catalogue", "document", "desk", "payment");
    private static final Pattern JDBC = Pattern.compile("^jdbc:postgresql://([^:/]+):5432/([a-z]+)\\?sslmode=verify-full&sslrootcert=/etc/seva/pg-ca/ca\\.crt$");

    @ParameterizedTest
    @MethodSource("dev.seva.deploy.Kustomize#overlays")
    void theClusterRunsThreeInstancesWithLogicalWalAndNoSuperuser(String overlay) {
        Cnpg.ClusterSpec spec = Manifests.of(overlay).one(Cnpg.Cluster.class, CLUSTER).spec();
        assertThat(spec.instances()).isEqualTo(3);
        assertThat(spec.postgresql().parameters()).containsEntry("wal_level", "logical").containsKey("max_slot_wal_keep_size");
        assertThat(spec.enableSuperuserAccess()).isFalse();
        assertThat(spec.affinity().topologyKey()).isEqualTo("topology.kubernetes.io/zone");
    }

    @ParameterizedTest
    @MethodSource("dev.seva.deploy.Kustomize#overlays")
    void everyClusterArchivesWalAndTakesNightlyBackups(String overlay) {
        Manifests m = Manifests.of(overlay);
        assertThat(m.all(Cnpg.Cluster.class)).isNotEmpty().allSatisfy(c -> {
            String name = overlay + ": " + c.metadata().getName();
            Cnpg.Plugin archiver = c.spec().plugins().stream().filter(p -> Boolean.TRUE.equals(p.isWALArchiver())).findFirst()
                    .orElseThrow(() -> new AssertionError(name + " archives no WAL"));
            Cnpg.ObjectStore store = m.one(Cnpg.ObjectStore.class, archiver.parameters().get("barmanObjectName"));
            assertThat(store.spec().configuration().destinationPath()).as(name + " backup destination").startsWith("s3://");
            assertThat(m.all(Cnpg.ScheduledBackup.class)).as(name + " scheduled backups")
                    .anySatisfy(b -> {
                        assertThat(b.spec().cluster().name()).isEqualTo(c.metadata().getName());
                        assertThat(b.spec().method()).isEqualTo("plugin");
                        assertThat(b.spec().pluginConfiguration().name()).isEqualTo(archiver.name());
                    });
        });
    }

    @ParameterizedTest
    @MethodSource("dev.seva.deploy.Kustomize#overlays")
    void eachServiceHasItsOwnDatabaseAndRole(String overlay) {
        Manifests m = Manifests.of(overlay);
        Cnpg.ClusterSpec cluster = m.one(Cnpg.Cluster.class, CLUSTER).spec();
        Map<String, Cnpg.Role> roles = cluster.managed().roles().stream().collect(Collectors.toMap(Cnpg.Role::name, r -> r));
        Map<String, Cnpg.DatabaseSpec> databases = m.all(Cnpg.Database.class).stream().map(Cnpg.Database::spec)
                .filter(d -> d.cluster().name().equals(CLUSTER)).collect(Collectors.toMap(Cnpg.DatabaseSpec::name, d -> d));
        assertThat(databases.keySet()).as(overlay + ": databases").containsExactlyInAnyOrderElementsOf(DATABASES);

        List<Deployment> clients = m.all(Deployment.class).stream().filter(d -> Cluster.env(d, "POSTGRES_USER").isPresent()).toList();
        assertThat(clients).extracting(d -> d.getMetadata().getName()).containsExactlyInAnyOrderElementsOf(
                DATABASES.stream().map(db -> db + "-service").toList());
        assertThat(clients).allSatisfy(d -> {
            String name = overlay + ": " + d.getMetadata().getName();
            String secret = Cluster.env(d, "POSTGRES_USER").orElseThrow().getValueFrom().getSecretKeyRef().getName();
            assertThat(Cluster.env(d, "POSTGRES_PASSWORD").orElseThrow().getValueFrom().getSecretKeyRef().getName()).as(name).isEqualTo(secret);
            Matcher url = JDBC.matcher(Cluster.env(d, "QUARKUS_DATASOURCE_JDBC_URL").orElseThrow().getValue());
            assertThat(url.matches()).as(name + " JDBC URL (TLS, verified)").isTrue();
            assertThat(url.group(1)).as(name + " host").isEqualTo(CLUSTER + "-rw");
            Cnpg.DatabaseSpec database = databases.get(url.group(2));
            assertThat(database).as(name + " database " + url.group(2)).isNotNull();
            Cnpg.Role role = roles.get(database.owner());
            assertThat(role).as(name + " role " + database.owner()).isNotNull();
            assertThat(role.passwordSecret().name()).as(name + " role password Secret").isEqualTo(secret);
            assertThat(role.login()).isTrue();
            assertThat(List.of(role.superuser(), role.createdb(), role.createrole(), role.bypassrls()))
                    .as(name + " role " + role.name() + ": SUPERUSER, CREATEDB, CREATEROLE, BYPASSRLS stated and false").containsOnly(false);
            assertThat(role.replication()).as(name + " role REPLICATION stated").isNotNull();
            assertThat(Boolean.TRUE.equals(role.replication())).as(name + " role REPLICATION (outbox relay only)")
                    .isEqualTo(OUTBOX_DATABASES.contains(database.name()));
            assertThat(d.getSpec().getTemplate().getMetadata().getLabels()).as(name).containsEntry("seva.dev/postgres-client", "true");
        });
    }

    /**
     * pg_hba (issue 15): each service's role reaches its own database only, over TLS, with SCRAM; the last line
     * rejects everything else before CloudNativePG's catch-all ("host all all all scram-sha-256") is reached.
     * No line names the keyword "replication": the relays' REPLICATION stays logical, on their own database.
     * Tried against the earlier manifests: their only lines were "hostnossl all all ... reject", so CNPG's
     * catch-all admitted every role to every database, and this failed.
     */
    @ParameterizedTest
    @MethodSource("dev.seva.deploy.Kustomize#overlays")
    void pgHbaAdmitsEachRoleToItsOwnDatabaseOnly(String overlay) {
        Manifests m = Manifests.of(overlay);
        assertThat(m.all(Cnpg.Cluster.class)).isNotEmpty().allSatisfy(c -> {
            String name = overlay + ": " + c.metadata().getName();
            Map<String, String> owners = m.all(Cnpg.Database.class).stream().map(Cnpg.Database::spec)
                    .filter(d -> d.cluster().name().equals(c.metadata().getName()))
                    .collect(Collectors.toMap(Cnpg.DatabaseSpec::name, Cnpg.DatabaseSpec::owner));
            owners.putIfAbsent(c.spec().bootstrap().initdb().database(), c.spec().bootstrap().initdb().owner());
            List<String[]> lines = c.spec().postgresql().pgHba().stream().map(l -> l.trim().split("\\s+")).toList();
            assertThat(lines).as(name + " pg_hba").isNotEmpty();
            String[] last = lines.get(lines.size() - 1);
            assertThat(String.join(" ", last)).as(name + " last pg_hba line (before CloudNativePG's catch-all)").isEqualTo("host all all all reject");
            for (String[] line : lines.subList(0, lines.size() - 1)) {
                String text = name + " pg_hba line '" + String.join(" ", line) + "'";
                assertThat(line).as(text).hasSize(5);
                assertThat(line[0]).as(text + ": TLS only").isEqualTo("hostssl");
                assertThat(line[1]).as(text + ": a database, never all or replication").isNotIn("all", "replication", "sameuser", "samerole");
                assertThat(owners).as(text + ": a database of this cluster").containsKey(line[1]);
                assertThat(line[2]).as(text + ": only the database's owner").isEqualTo(owners.get(line[1]));
                assertThat(line[4]).as(text + ": SCRAM").isEqualTo("scram-sha-256");
            }
            assertThat(lines.stream().filter(l -> l.length == 5 && !l[4].equals("reject")).map(l -> l[1]))
                    .as(name + " databases with a line").containsExactlyInAnyOrderElementsOf(
                            c.metadata().getName().equals(CLUSTER) ? DATABASES : owners.keySet().stream().filter(db -> !db.equals("app")).toList());
        });
    }

    /** Every role's connectionLimit stated, and together within max_connections: a new service's role must not overbook the primary. */
    @ParameterizedTest
    @MethodSource("dev.seva.deploy.Kustomize#overlays")
    void theRolesConnectionLimitsFitTheClustersMaxConnections(String overlay) {
        Cnpg.ClusterSpec cluster = Manifests.of(overlay).one(Cnpg.Cluster.class, CLUSTER).spec();
        assertThat(cluster.managed().roles()).allSatisfy(r -> assertThat(r.connectionLimit()).as(overlay + ": " + r.name() + " connectionLimit").isPositive());
        int sum = cluster.managed().roles().stream().mapToInt(Cnpg.Role::connectionLimit).sum();
        assertThat(sum).as(overlay + ": the roles' connection limits together")
                .isLessThanOrEqualTo(Integer.parseInt(cluster.postgresql().parameters().get("max_connections")));
    }

    @ParameterizedTest
    @MethodSource("dev.seva.deploy.Kustomize#overlays")
    void onlyTheOutboxRelaysRolesReplicateAndNoRoleIsPrivileged(String overlay) {
        Cnpg.ClusterSpec cluster = Manifests.of(overlay).one(Cnpg.Cluster.class, CLUSTER).spec();
        assertThat(cluster.managed().roles()).allSatisfy(r -> {
            assertThat(r.superuser()).as(overlay + ": " + r.name() + " SUPERUSER").isFalse();
            assertThat(r.createdb()).as(overlay + ": " + r.name() + " CREATEDB").isFalse();
            assertThat(r.createrole()).as(overlay + ": " + r.name() + " CREATEROLE").isFalse();
            assertThat(r.bypassrls()).as(overlay + ": " + r.name() + " BYPASSRLS").isFalse();
        });
        assertThat(cluster.managed().roles().stream().filter(r -> Boolean.TRUE.equals(r.replication())).map(Cnpg.Role::name))
                .as(overlay + ": roles with REPLICATION").containsExactlyInAnyOrderElementsOf(OUTBOX_DATABASES);
    }
}
