package dev.seva.payment;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** The domain is plain Java (no Quarkus, Jakarta, Hibernate, Jackson, Vert.x, Kafka, Mutiny), and the packages form no cycle. */
class PackageRulesTest {

    static final JavaClasses CLASSES = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.seva.payment");

    @Test
    void domainIsFreeOfFrameworkTypes() {
        noClasses().that().resideInAPackage("dev.seva.payment.domain..").should().dependOnClassesThat()
                .resideInAnyPackage("io.quarkus..", "jakarta..", "org.hibernate..", "com.fasterxml..", "io.vertx..", "org.apache.kafka..",
                        "io.smallrye..", "org.eclipse.microprofile..", "dev.seva.payment.persistence..", "dev.seva.payment.service..")
                .check(CLASSES);
    }

    @Test
    void thePackagesOfTheServiceFormNoCycle() {
        slices().matching("dev.seva.payment.(*)..").should().beFreeOfCycles().check(CLASSES);
    }
}
