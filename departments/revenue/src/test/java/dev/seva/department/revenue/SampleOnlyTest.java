package dev.seva.department.revenue;

import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample started where it was not allowed (what the prod profile does without
 * SEVA_SAMPLE_DEPARTMENT_ALLOWED=true): the start fails with a non-zero exit and says why.
 */
@QuarkusMainTest
@TestProfile(SampleOnlyTest.NotAllowed.class)
class SampleOnlyTest {

    public static class NotAllowed implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("seva.department.sample-allowed", "false");
        }
    }

    @Test
    // Without the guard the sample would start and run: the timeout turns that into a failure.
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void refusesToStartWhenNotExplicitlyAllowed(QuarkusMainLauncher launcher) {
        LaunchResult result = launcher.launch();
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.getErrorOutput() + result.getOutput()).contains("Refusing to start");
    }
}
