package dev.seva.department.revenue;

import io.smallrye.config.ConfigMapping;

import java.time.Duration;
import java.util.Set;

@ConfigMapping(prefix = "seva.department")
public interface DepartmentConfig {

    String id();

    /**
     * Whether this sample may run at all: true only in the dev and test profiles and when the local run
     * says so ({@code SEVA_SAMPLE_DEPARTMENT_ALLOWED}); see {@link SampleOnly}.
     */
    boolean sampleAllowed();

    /** How long the officer takes to accept an application. */
    Duration acceptAfter();

    /** How long after acceptance (or the citizen's answer) the officer approves. */
    Duration approveAfter();

    /** Services for which the officer asks a question before deciding. */
    Set<String> askFirst();

    Office office();

    interface Office {
        String district();

        String mandal();

        String officer();

        String designation();
    }
}
