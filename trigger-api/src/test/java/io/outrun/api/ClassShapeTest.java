package io.outrun.api;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.outrun.testing.arch.ClassShape;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Small classes: no production class over {@value #MAX_LINES} lines, none whose constructor takes
 * more than {@value #MAX_COLLABORATORS} collaborators (records are data, not collaborators).
 */
class ClassShapeTest {

  private static final int MAX_LINES = 250;
  private static final int MAX_COLLABORATORS = 5;

  private static final JavaClasses API_CLASSES =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.outrun.api");

  @Test
  void noProductionClassIsLongerThan250Lines() {
    assertThat(ClassShape.filesLongerThan(Path.of("src/main/java/io/outrun/api"), MAX_LINES))
        .isEmpty();
  }

  @Test
  void noClassTakesMoreThanFiveCollaborators() {
    classes()
        .that()
        .resideInAPackage("io.outrun.api..")
        .and()
        .areNotEnums()
        .and()
        .areNotRecords()
        .should(ClassShape.takeAtMostCollaborators(MAX_COLLABORATORS))
        .check(API_CLASSES);
  }
}
