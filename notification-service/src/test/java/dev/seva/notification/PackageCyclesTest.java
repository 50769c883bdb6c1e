package dev.seva.notification;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** The service's packages depend on each other one way only. */
class PackageCyclesTest {

    @Test
    void thePackagesOfTheServiceFormNoCycle() {
        // Tried before the fix: service (DeliveryService, Sender) used messaging's DeadLetterPublisher while
        // messaging's consumers used service: a cycle, which made neither testable alone. The dead-letter
        // writer is its own package now, used by both.
        JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.seva.notification");
        slices().matching("dev.seva.notification.(*)..").should().beFreeOfCycles().check(classes);
    }
}
