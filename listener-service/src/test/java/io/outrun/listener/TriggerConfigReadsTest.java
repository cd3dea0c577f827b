package io.outrun.listener;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noFields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noMethods;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Trigger config is read by key in one place, trigger-config's rules: the listener hands a stored
 * document's config to them as it reads the document ({@code RegistryDocuments}, {@code
 * ScheduleStore}) and works with the typed records from there on.
 */
class TriggerConfigReadsTest {

  private static final JavaClasses LISTENER =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.outrun.listener");

  /**
   * {@code config.get("cron")}, {@code trigger.config().getOrDefault("timezone", ...)}, {@code
   * config.get(UPSTREAM)}: a key looked up by name or constant.
   */
  private static final Pattern CONFIG_LOOKUP =
      Pattern.compile(
          "\\bconfig(\\(\\))?\\.(get|getOrDefault|containsKey)\\(\\s*(\"|([A-Z]\\w*\\.)*[A-Z][A-Z0-9_]*\\s*[,)])");

  @Test
  void noTypeHoldsARawConfigMap() {
    noFields().that().haveName("config").should().haveRawType(Map.class).check(LISTENER);
    noMethods()
        .that()
        .haveNameMatching("config.*")
        .should()
        .haveRawReturnType(Map.class)
        .check(LISTENER);
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
      return IntStream.range(0, lines.size())
          .filter(i -> CONFIG_LOOKUP.matcher(lines.get(i)).find())
          .mapToObj(i -> source + ":" + (i + 1) + ": " + lines.get(i).strip());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
