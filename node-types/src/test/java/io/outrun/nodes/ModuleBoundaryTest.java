package io.outrun.nodes;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The catalogue stays plain values, so both services and their tests use it alike. */
class ModuleBoundaryTest {

  @Test
  void nodeTypesDependOnNoFrameworkAndNoServer() {
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
                .importPackages("io.outrun.nodes"));
  }
}
