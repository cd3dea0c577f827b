package io.outrun.runner.parse;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** What a {@code parse} node reads: {@code data.format}. */
public enum ParseFormat {
  CSV,
  XML,
  HTML_TEXT,
  FORM,
  JSON;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  static Optional<ParseFormat> of(Object value) {
    return Arrays.stream(values()).filter(format -> format.wireName().equals(value)).findFirst();
  }

  static List<String> wireNames() {
    return Arrays.stream(values()).map(ParseFormat::wireName).toList();
  }
}
