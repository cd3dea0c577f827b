package io.outrun.api;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaConstructor;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
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
  void noProductionClassIsLongerThan250Lines() throws IOException {
    Path sources = Path.of("src/main/java/io/outrun/api");
    try (Stream<Path> files = Files.walk(sources)) {
      List<String> tooLong =
          files
              .filter(file -> file.toString().endsWith(".java"))
              .filter(file -> lines(file) > MAX_LINES)
              .map(file -> sources.relativize(file) + " (" + lines(file) + " lines)")
              .toList();
      assertThat(tooLong).isEmpty();
    }
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
        .should(takeAtMostCollaborators(MAX_COLLABORATORS))
        .check(API_CLASSES);
  }

  private static ArchCondition<JavaClass> takeAtMostCollaborators(int most) {
    return new ArchCondition<>("take at most " + most + " collaborators") {
      @Override
      public void check(JavaClass type, ConditionEvents events) {
        for (JavaConstructor constructor : type.getConstructors()) {
          int parameters = constructor.getRawParameterTypes().size();
          // an inner (non-static) class's constructor also takes its enclosing instance
          if (parameters - (type.isInnerClass() ? 1 : 0) > most) {
            events.add(
                SimpleConditionEvent.violated(
                    constructor, constructor.getFullName() + " takes " + parameters));
          }
        }
      }
    };
  }

  private static long lines(Path file) {
    try (Stream<String> lines = Files.lines(file)) {
      return lines.count();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
