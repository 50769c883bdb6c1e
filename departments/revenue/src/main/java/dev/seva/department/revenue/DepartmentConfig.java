package dev.seva.department.revenue;

import io.smallrye.config.ConfigMapping;

import java.time.Duration;
import java.util.Set;

@ConfigMapping(prefix = "seva.department")
public interface DepartmentConfig {

    String id();

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
