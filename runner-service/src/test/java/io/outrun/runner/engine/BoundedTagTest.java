package io.outrun.runner.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BoundedTagTest {

  @Test
  void theFirstValuesKeepTheirOwnTagAndLaterOnesAreOther() {
    BoundedTag tag = new BoundedTag(2);

    assertThat(tag.of("wf-1")).isEqualTo("wf-1");
    assertThat(tag.of("wf-2")).isEqualTo("wf-2");
    assertThat(tag.of("wf-3")).isEqualTo("other");
    assertThat(tag.of("wf-1")).as("a kept value stays kept").isEqualTo("wf-1");
  }

  @Test
  void aMissingValueIsUnknownAndTakesNoPlace() {
    BoundedTag tag = new BoundedTag(1);

    assertThat(tag.of(null)).isEqualTo("unknown");
    assertThat(tag.of("wf-1")).isEqualTo("wf-1");
  }
}
