package io.outrun.nodes;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;

/** Where a node type sits in an editor's palette. */
public enum NodeCategory {
  ACTION,
  LOGIC,
  DATA,
  AI,
  FLOW,
  TRIGGER;

  @JsonValue
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  @JsonCreator
  public static NodeCategory of(String wireName) {
    return Arrays.stream(values())
        .filter(category -> category.wireName().equals(wireName))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("unknown node category " + wireName));
  }
}
