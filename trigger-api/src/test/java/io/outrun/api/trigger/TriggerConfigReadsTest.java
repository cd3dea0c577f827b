package io.outrun.api.trigger;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noFields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noMethods;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Trigger config is read by key in one place, trigger-config's rules: trigger-api hands a request's
 * raw config to them (and to the key check of {@link TriggerInputRule}) and a stored one's ({@link
 * TriggerDocuments}), and works with the typed records from there on.
 */
class TriggerConfigReadsTest {

  private static final JavaClasses API =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.outrun.api");

  /**
   * {@code config.get("cron")}, {@code trigger.config().getOrDefault("timezone", ...)}, {@code
   * config.get(UPSTREAM)}: a key looked up by name or constant.
   */
  private static final Pattern CONFIG_LOOKUP =
      Pattern.compile(
          "\\bconfig(\\(\\))?\\.(get|getOrDefault|containsKey)\\(\\s*(\"|([A-Z]\\w*\\.)*[A-Z][A-Z0-9_]*\\s*[,)])");

  /**
   * Config as a map only where it comes in and goes out: the request bodies (also of {@code POST}
   * and {@code PATCH /api/triggers}), the response body, and a trigger of the export document
   * (written by export, read by import as a create request).
   */
  @Test
  void noTypeButTheBodiesHoldsARawConfigMap() {
    noFields()
        .that()
        .haveName("config")
        .and()
        .areDeclaredInClassesThat()
        .doNotHaveSimpleName("TriggerRequest")
        .and()
        .areDeclaredInClassesThat()
        .doNotHaveSimpleName("TriggerView")
        .and()
        .areDeclaredInClassesThat()
        .doNotHaveSimpleName("TopLevelTriggerRequest")
        .and()
        .areDeclaredInClassesThat()
        .doNotHaveSimpleName("TriggerPatch")
        .and()
        .areDeclaredInClassesThat()
        .doNotHaveSimpleName("ExportedTrigger")
        .should()
        .haveRawType(Map.class)
        .check(API);
    noMethods()
        .that()
        .haveName("config")
        .and()
        .areDeclaredInClassesThat()
        .doNotHaveSimpleName("TriggerRequest")
        .and()
        .areDeclaredInClassesThat()
        .doNotHaveSimpleName("TriggerView")
        .and()
        .areDeclaredInClassesThat()
        .doNotHaveSimpleName("TopLevelTriggerRequest")
        .and()
        .areDeclaredInClassesThat()
        .doNotHaveSimpleName("TriggerPatch")
        .and()
        .areDeclaredInClassesThat()
        .doNotHaveSimpleName("ExportedTrigger")
        .should()
        .haveRawReturnType(Map.class)
        .check(API);
    noClasses()
        .should()
        .callMethod(TriggerView.class, "config")
        .because("a view's config is written to the response, never read back")
        .check(API);
  }

  @Test
  void aRequestsRawConfigGoesOnlyToTheKeyCheckAndTheParser() {
    noClasses()
        .that()
        .doNotHaveSimpleName("TriggerInputRule")
        .and()
        .doNotHaveSimpleName("TriggerChecks")
        .and()
        .doNotHaveSimpleName("TriggerRequest")
        .should()
        .callMethod(TriggerRequest.class, "config")
        .check(API);
  }

  @Test
  void noSourceLooksUpAConfigKey() throws IOException {
    try (Stream<Path> sources = Files.walk(Path.of("src/main/java"))) {
      List<String> lookups =
          sources
              .filter(path -> path.toString().endsWith(".java"))
              .flatMap(TriggerConfigReadsTest::lookups)
              .toList();
      assertThat(lookups).isEmpty();
    }
  }

  private static Stream<String> lookups(Path source) {
    try {
      List<String> lines = Files.readAllLines(source);
      return java.util.stream.IntStream.range(0, lines.size())
          .filter(i -> CONFIG_LOOKUP.matcher(lines.get(i)).find())
          .mapToObj(i -> source + ":" + (i + 1) + ": " + lines.get(i).strip());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
