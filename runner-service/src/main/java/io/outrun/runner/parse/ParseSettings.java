package io.outrun.runner.parse;

import io.outrun.runner.parse.CsvOptions.ColumnType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A {@code parse} node's {@code data}, read: the format, the JSONata expression that gives the text
 * ({@code $trigger.body} unless set), and the CSV options. Bad settings are a value naming the key.
 */
public record ParseSettings(ParseFormat format, String input, CsvOptions csv) {

  /** The text parsed when {@code data.input} is unset: the trigger payload's body. */
  public static final String DEFAULT_INPUT = "$trigger.body";

  /** The settings, or what is wrong with them. */
  public sealed interface Read {
    record Valid(ParseSettings settings) implements Read {}

    record Invalid(String problem) implements Read {}
  }

  public static Read read(Map<String, Object> data) {
    Optional<ParseFormat> format = ParseFormat.of(data.get("format"));
    if (format.isEmpty()) {
      return invalid("data.format must be one of " + String.join(", ", ParseFormat.wireNames()));
    }
    Object input = data.get("input") == null ? DEFAULT_INPUT : data.get("input");
    if (!(input instanceof String expression) || expression.isBlank()) {
      return invalid("data.input must be a JSONata expression giving the text to parse");
    }
    Object csv = data.get("csv");
    if (csv == null) {
      return new Read.Valid(new ParseSettings(format.get(), expression, CsvOptions.DEFAULTS));
    }
    if (!(csv instanceof Map<?, ?> options)) {
      return invalid("data.csv must be an object");
    }
    return csvOptions(options)
        .<Read>map(read -> new Read.Valid(new ParseSettings(format.get(), expression, read)))
        .orElseGet(() -> invalid(csvProblem(options)));
  }

  private static Optional<CsvOptions> csvOptions(Map<?, ?> options) {
    Object header = options.containsKey("header") ? options.get("header") : Boolean.TRUE;
    Object delimiter = options.containsKey("delimiter") ? options.get("delimiter") : ",";
    Map<String, ColumnType> types = types(options.get("types"));
    if (!(header instanceof Boolean named)
        || !(delimiter instanceof String text)
        || text.length() != 1
        || types == null) {
      return Optional.empty();
    }
    return Optional.of(new CsvOptions(named, text.charAt(0), types));
  }

  private static String csvProblem(Map<?, ?> options) {
    if (options.containsKey("header") && !(options.get("header") instanceof Boolean)) {
      return "data.csv.header must be true or false";
    }
    if (types(options.get("types")) == null) {
      return "data.csv.types must map column names to number, boolean or string";
    }
    return "data.csv.delimiter must be one character";
  }

  /** Column names to types; null if {@code value} is not such a map. */
  private static Map<String, ColumnType> types(Object value) {
    if (value == null) {
      return Map.of();
    }
    if (!(value instanceof Map<?, ?> map)) {
      return null;
    }
    Map<String, ColumnType> types = new LinkedHashMap<>();
    for (Map.Entry<?, ?> entry : map.entrySet()) {
      Optional<ColumnType> type = columnType(entry.getValue());
      if (type.isEmpty()) {
        return null;
      }
      types.put(String.valueOf(entry.getKey()), type.get());
    }
    return types;
  }

  private static Optional<ColumnType> columnType(Object value) {
    return List.of(ColumnType.values()).stream()
        .filter(type -> type.name().toLowerCase(Locale.ROOT).equals(value))
        .findFirst();
  }

  private static Read invalid(String problem) {
    return new Read.Invalid(problem);
  }
}
