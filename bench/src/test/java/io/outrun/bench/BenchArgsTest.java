package io.outrun.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.Map;
import org.junit.jupiter.api.Test;

class BenchArgsTest {

  private static final Map<String, Integer> DEFAULTS = Map.of("runs", 1000, "rate", 25);

  @Test
  void givenValuesReplaceDefaultsAndTheCheckFlagIsNoOption() {
    String[] args = {"--check-options", "--rate=40"};

    assertThat(BenchArgs.parse(args, DEFAULTS, "usage"))
        .containsEntry("rate", 40)
        .containsEntry("runs", 1000);
    assertThat(BenchArgs.onlyCheck(args)).isTrue();
    assertThat(BenchArgs.onlyCheck(new String[] {"--rate=40"})).isFalse();
  }

  @Test
  void unknownNamesNegativeOrNonNumericValuesAndHelpAreRefusedWithTheUsage() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> BenchArgs.parse(new String[] {"--speed=3"}, DEFAULTS, "the usage"))
        .withMessageContaining("unknown argument '--speed=3'")
        .withMessageContaining("the usage");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> BenchArgs.parse(new String[] {"--rate=-1"}, DEFAULTS, "u"))
        .withMessageContaining("--rate must be a whole number >= 0");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> BenchArgs.parse(new String[] {"--rate=fast"}, DEFAULTS, "u"));
    assertThatIllegalArgumentException()
        .isThrownBy(() -> BenchArgs.parse(new String[] {"--help"}, DEFAULTS, "the usage"))
        .withMessage("the usage");
  }

  @Test
  void optionsThatCountSomethingMustBeAtLeastOne() {
    assertThat(BenchArgs.parse(new String[] {"--rate=0"}, DEFAULTS, "u", "runs"))
        .containsEntry("rate", 0);
    assertThatIllegalArgumentException()
        .isThrownBy(() -> BenchArgs.parse(new String[] {"--rate=0"}, DEFAULTS, "u", "runs", "rate"))
        .withMessage("--rate must be at least 1");
  }

  @Test
  void portsFollowTheStacksVariablesAndBlankMeansTheDefault() {
    assertThat(BenchArgs.port(Map.of("OUTRUN_API_PORT", " 18080 "), "OUTRUN_API_PORT", "8080"))
        .isEqualTo("18080");
    assertThat(BenchArgs.port(Map.of("OUTRUN_API_PORT", " "), "OUTRUN_API_PORT", "8080"))
        .isEqualTo("8080");
  }
}
