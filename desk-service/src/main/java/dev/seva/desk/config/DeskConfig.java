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
