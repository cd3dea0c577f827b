package io.outrun.runner.expression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.util.unit.DataSize;

/**
 * A budget that is not positive is refused naming its config key; each copy changes only the values
 * it names.
 */
class ExpressionPropertiesTest {

  private static final ExpressionProperties DEFAULTS = ExpressionProperties.DEFAULTS;

  @Test
  void unsetKeysBindToTheDefaults() {
    assertThat(bound(Map.of())).isEqualTo(DEFAULTS);
  }

  @Test
  void aTimeoutThatIsNotPositiveIsRefusedNamingItsKey() {
    assertThatThrownBy(() -> bound(Map.of("timeout", "0s")))
        .rootCause()
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("outrun.runner.expressions.timeout must be positive");
    assertThatThrownBy(() -> DEFAULTS.withTimeout(Duration.ofMillis(-1)))
        .hasMessage("outrun.runner.expressions.timeout must be positive");
  }

  @Test
  void aSliceThatIsNotPositiveIsRefusedNamingItsKey() {
    assertThatThrownBy(() -> bound(Map.of("slice", "0ms")))
        .rootCause()
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("outrun.runner.expressions.slice must be positive");
    assertThatThrownBy(() -> bound(Map.of("slice", "-1ns")))
        .rootCause()
        .hasMessage("outrun.runner.expressions.slice must be positive");
    assertThat(bound(Map.of("slice", "1ns")).slice()).isEqualTo(Duration.ofNanos(1));
  }

  @Test
  void aCountOrSizeBelowOneIsRefusedNamingItsKey() {
    assertThatThrownBy(() -> bound(Map.of("max-depth", "0")))
        .rootCause()
        .hasMessage("outrun.runner.expressions.max-depth must be positive");
    assertThatThrownBy(() -> DEFAULTS.withSizes(1, 1, DataSize.ofBytes(0)))
        .hasMessage("outrun.runner.expressions.max-memory must be positive");
    assertThatThrownBy(() -> DEFAULTS.withThreads(1, 0, 1))
        .hasMessage("outrun.runner.expressions.long-threads must be positive");
  }

  @Test
  void withTimeoutChangesOnlyTheTimeout() {
    var copy = DEFAULTS.withTimeout(Duration.ofMinutes(1));

    assertThat(copy.timeout()).isEqualTo(Duration.ofMinutes(1));
    assertThat(copy).usingRecursiveComparison().ignoringFields("timeout").isEqualTo(DEFAULTS);
  }

  @Test
  void withSizesChangesOnlyTheSizes() {
    var copy = DEFAULTS.withSizes(3, 4, DataSize.ofKilobytes(5));

    assertThat(copy.maxStringLength()).isEqualTo(3);
    assertThat(copy.maxItems()).isEqualTo(4);
    assertThat(copy.maxMemory()).isEqualTo(DataSize.ofKilobytes(5));
    assertThat(copy)
        .usingRecursiveComparison()
        .ignoringFields("maxStringLength", "maxItems", "maxMemory")
        .isEqualTo(DEFAULTS);
  }

  @Test
  void withThreadsChangesOnlyTheThreadsAndQueue() {
    var copy = DEFAULTS.withThreads(6, 7, 8);

    assertThat(copy.threads()).isEqualTo(6);
    assertThat(copy.longThreads()).isEqualTo(7);
    assertThat(copy.queue()).isEqualTo(8);
    assertThat(copy)
        .usingRecursiveComparison()
        .ignoringFields("threads", "longThreads", "queue")
        .isEqualTo(DEFAULTS);
  }

  /** The properties as Spring binds them from {@code outrun.runner.expressions.<key>} values. */
  private static ExpressionProperties bound(Map<String, String> values) {
    Map<String, String> keyed = new HashMap<>();
    values.forEach((key, value) -> keyed.put("outrun.runner.expressions." + key, value));
    return new Binder(new MapConfigurationPropertySource(keyed))
        .bindOrCreate("outrun.runner.expressions", ExpressionProperties.class);
  }
}
