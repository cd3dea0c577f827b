package io.outrun.triggers;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Trigger config stays pure so that both services, and their tests, use it as plain values. */
class ModuleBoundaryTest {

  @Test
  void triggerConfigDependsOnNoFrameworkAndNoServer() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "org.springframework..",
            "org.apache.kafka..",
            "reactor..",
            "org.bson..",
            "com.mongodb..")
        .check(
            new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.outrun.triggers"));
  }
}
