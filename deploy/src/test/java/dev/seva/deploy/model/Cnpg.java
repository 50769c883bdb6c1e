package dev.seva.deploy.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ResourceRequirements;

import java.util.List;
import java.util.Map;

/**
 * The fields of CloudNativePG's resources (postgresql.cnpg.io/v1: Cluster, Database, ScheduledBackup)
 * and of its Barman Cloud plugin (barmancloud.cnpg.io/v1: ObjectStore) that Seva uses, as strict
 * records: a field not declared here fails the parse. Add a field here, from CloudNativePG's API
 * reference, before using it in a manifest.
 */
public final class Cnpg {

    private Cnpg() {
    }

    public record Cluster(@JsonProperty(required = true) String apiVersion, @JsonProperty(required = true) String kind,
                          @JsonProperty(required = true) ObjectMeta metadata, @JsonProperty(required = true) ClusterSpec spec) {
    }

    public record ClusterSpec(@JsonProperty(required = true) Integer instances, @JsonProperty(required = true) String imageName,
                              String primaryUpdateStrategy, Boolean enableSuperuserAccess, PostgresConfiguration postgresql,
                              Bootstrap bootstrap, Managed managed, @JsonProperty(required = true) Storage storage, Storage walStorage,
                              ResourceRequirements resources, Affinity affinity, List<Plugin> plugins) {
    }

    public record PostgresConfiguration(Map<String, String> parameters, @JsonProperty("pg_hba") List<String> pgHba) {
    }

    public record Bootstrap(@JsonProperty(required = true) InitDb initdb) {
    }

    public record InitDb(@JsonProperty(required = true) String database, @JsonProperty(required = true) String owner) {
    }

    public record Managed(List<Role> roles) {
    }

    public record Role(@JsonProperty(required = true) String name, String ensure, Boolean login, Boolean superuser, Boolean createdb,
                       Boolean createrole, Boolean bypassrls, Boolean replication, Integer connectionLimit,
                       LocalObjectReference passwordSecret) {
    }

    public record Storage(@JsonProperty(required = true) String size, String storageClass) {
    }

    public record Affinity(String topologyKey, Boolean enablePodAntiAffinity, String podAntiAffinityType) {
    }

    public record Plugin(@JsonProperty(required = true) String name, Boolean isWALArchiver, Map<String, String> parameters) {
    }

    public record LocalObjectReference(@JsonProperty(required = true) String name) {
    }

    public record Database(@JsonProperty(required = true) String apiVersion, @JsonProperty(required = true) String kind,
                           @JsonProperty(required = true) ObjectMeta metadata, @JsonProperty(required = true) DatabaseSpec spec) {
    }

    public record DatabaseSpec(@JsonProperty(required = true) String name, @JsonProperty(required = true) String owner,
                               @JsonProperty(required = true) LocalObjectReference cluster) {
    }

    public record ScheduledBackup(@JsonProperty(required = true) String apiVersion, @JsonProperty(required = true) String kind,
                                  @JsonProperty(required = true) ObjectMeta metadata, @JsonProperty(required = true) ScheduledBackupSpec spec) {
    }

    public record ScheduledBackupSpec(@JsonProperty(required = true) String schedule, String backupOwnerReference, Boolean immediate,
                                      String method, PluginConfiguration pluginConfiguration,
                                      @JsonProperty(required = true) LocalObjectReference cluster) {
    }

    public record PluginConfiguration(@JsonProperty(required = true) String name) {
    }

    public record ObjectStore(@JsonProperty(required = true) String apiVersion, @JsonProperty(required = true) String kind,
                              @JsonProperty(required = true) ObjectMeta metadata, @JsonProperty(required = true) ObjectStoreSpec spec) {
    }

    public record ObjectStoreSpec(String retentionPolicy, @JsonProperty(required = true) BarmanConfiguration configuration) {
    }

    public record BarmanConfiguration(@JsonProperty(required = true) String destinationPath,
                                      @JsonProperty(required = true) S3Credentials s3Credentials, Compression wal, Compression data) {
    }

    public record S3Credentials(@JsonProperty(required = true) SecretKeySelector accessKeyId,
                                @JsonProperty(required = true) SecretKeySelector secretAccessKey) {
    }

    public record SecretKeySelector(@JsonProperty(required = true) String name, @JsonProperty(required = true) String key) {
    }

    public record Compression(String compression, Integer maxParallel, Integer jobs) {
    }
}
