package dev.seva.desk.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.DayOfWeek;
import java.util.Optional;
import java.util.Set;

@ConfigMapping(prefix = "seva.desk")
public interface DeskConfig {

    /** The departments whose applications topic this desk serves (their officers work here). */
    Set<String> departments();

    Calendar calendar();

    /** When an application passes its due date: how many working days the citizen is told it now needs. */
    @WithDefault("5")
    int delayExtensionDays();

    /** Applications per queue page. */
    @WithDefault("50")
    int pageSize();

    /** The office printed on certificates the desk's officers approve (district, mandal), when the template has them. */
    Office office();

    Graph graph();

    /** document-service, whose certificate templates say what an approval must carry. */
    String documentServiceUrl();

    /** How often overdue applications are looked for (the scheduler's period). */
    java.time.Duration serviceLevelCheck();

    /** vault-service, which holds each citizen's data key (the desk seals their personal data with it). */
    String vaultUrl();

    /** The desk's own bearer secret at vault-service (its client "desk", right "keys"). */
    String vaultClientSecret();

    /** How long a citizen's key stays in memory after it was fetched: short, so an erasure is felt soon everywhere. */
    @WithDefault("PT2M")
    java.time.Duration vaultKeyCacheTtl();

    /** At most this many citizens' keys in memory at once (the least recently used go first). */
    @WithDefault("10000")
    int vaultKeyCacheSize();

    /** How long a call to vault-service may take before it counts as unavailable. */
    @WithDefault("PT3S")
    java.time.Duration vaultTimeout();

    /**
     * Load the sample bills and records ({@code sample-data/*.csv}) at start-up, idempotently: for the local run and
     * the tests only, never production (a department brings its own system or imports its real data).
     */
    @WithDefault("false")
    boolean sampleData();

    interface Calendar {
        /** Weekly days off, e.g. SATURDAY,SUNDAY. */
        Set<DayOfWeek> weeklyOff();

        /** Classpath resource or file with one public holiday a line: yyyy-MM-dd,name. */
        String holidays();
    }

    interface Office {
        String district();

        String mandal();
    }

    /** The WhatsApp Cloud API, from which the desk fetches the photos and PDFs citizens attached. */
    interface Graph {
        String baseUrl();

        @WithDefault("v23.0")
        String apiVersion();

        Optional<String> accessToken();
    }
}
