package io.outrun.runner.parse;

import io.outrun.runner.parse.CsvOptions.ColumnType;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.DuplicateHeaderMode;

/**
 * CSV (RFC 4180, commons-csv) as {@code {"columns": [...], "rows": [{column: value}], "count": n}}
 * with a header row, or {@code {"rows": [[value, ...]], "count": n}} without one. Every row must
 * have as many fields as the first; errors name the line.
 */
final class CsvText {

  private static final Pattern AT_LINE = Pattern.compile("^(?:.*: )?(.*?) at line: (\\d+)");

  private CsvText() {}

  static ParseOutcome parse(String text, CsvOptions options) {
    CSVFormat format =
        CSVFormat.RFC4180
            .builder()
            .setDelimiter(options.delimiter())
            .setIgnoreEmptyLines(true)
            .setDuplicateHeaderMode(DuplicateHeaderMode.DISALLOW)
            .setAllowMissingColumnNames(false)
            .get();
    try (CSVParser parser =
        CSVParser.builder().setReader(new StringReader(text)).setFormat(format).get()) {
      return rows(parser, options);
    } catch (IllegalArgumentException | IllegalStateException | UncheckedIOException e) {
      return new ParseOutcome.Refused(located(message(e)));
    } catch (IOException e) {
      return new ParseOutcome.Refused(located(e.getMessage()));
    } catch (CellRefused refused) {
      return new ParseOutcome.Refused(refused.getMessage());
    }
  }

  private static ParseOutcome rows(CSVParser parser, CsvOptions options) {
    List<String> columns = null;
    List<Object> rows = new ArrayList<>();
    for (CSVRecord record : parser) {
      List<String> values = record.toList();
      if (columns == null && options.header()) {
        columns = header(values, record.getParser().getCurrentLineNumber());
        continue;
      }
      int expected =
          columns != null ? columns.size() : rows.isEmpty() ? values.size() : width(rows);
      if (values.size() != expected) {
        throw new CellRefused(
            "CSV line " + line(record) + ": " + values.size() + " fields, expected " + expected);
      }
      rows.add(
          columns != null
              ? named(columns, values, options, record)
              : typed(values, options, record));
    }
    Map<String, Object> output = new LinkedHashMap<>();
    if (options.header()) {
      output.put("columns", columns == null ? List.of() : columns);
    }
    output.put("rows", rows);
    output.put("count", rows.size());
    return new ParseOutcome.Parsed(output);
  }

  private static List<String> header(List<String> names, long line) {
    for (String name : names) {
      if (name.isBlank()) {
        throw new CellRefused("CSV line " + line + ": the header has an empty column name");
      }
    }
    if (names.stream().distinct().count() != names.size()) {
      throw new CellRefused("CSV line " + line + ": the header names a column twice");
    }
    return List.copyOf(names);
  }

  private static int width(List<Object> rows) {
    return ((List<?>) rows.getFirst()).size();
  }

  private static Map<String, Object> named(
      List<String> columns, List<String> values, CsvOptions options, CSVRecord record) {
    Map<String, Object> row = new LinkedHashMap<>();
    for (int i = 0; i < columns.size(); i++) {
      String column = columns.get(i);
      row.put(column, cell(values.get(i), options.types().get(column), column, record));
    }
    return row;
  }

  private static List<Object> typed(List<String> values, CsvOptions options, CSVRecord record) {
    List<Object> row = new ArrayList<>(values.size());
    for (int i = 0; i < values.size(); i++) {
      String column = String.valueOf(i);
      row.add(cell(values.get(i), options.types().get(column), column, record));
    }
    return row;
  }

  private static Object cell(String value, ColumnType type, String column, CSVRecord record) {
    if (type == null || type == ColumnType.STRING) {
      return value;
    }
    String text = value.strip();
    if (text.isEmpty()) {
      return null;
    }
    return switch (type) {
      case NUMBER -> number(text, column, record);
      case BOOLEAN -> bool(text, column, record);
      case STRING -> value;
    };
  }

  private static Object number(String text, String column, CSVRecord record) {
    try {
      BigDecimal number = new BigDecimal(text);
      if (number.scale() <= 0 && number.abs().compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) <= 0) {
        return number.longValueExact();
      }
      return number.doubleValue();
    } catch (NumberFormatException | ArithmeticException e) {
      throw refusedCell(text, "a number", column, record);
    }
  }

  private static Boolean bool(String text, String column, CSVRecord record) {
    return switch (text.toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> throw refusedCell(text, "true or false", column, record);
    };
  }

  private static CellRefused refusedCell(
      String text, String wanted, String column, CSVRecord record) {
    String shown = text.length() > 40 ? text.substring(0, 40) + "..." : text;
    return new CellRefused(
        "CSV line " + line(record) + ", column '" + column + "': '" + shown + "' is not " + wanted);
  }

  /** The line a record starts on (a quoted field may span lines). */
  private static long line(CSVRecord record) {
    return record.getParser().getCurrentLineNumber() - lineBreaksIn(record);
  }

  private static long lineBreaksIn(CSVRecord record) {
    return record.stream().mapToLong(value -> value.chars().filter(c -> c == '\n').count()).sum();
  }

  /** commons-csv's "... at line: 2, position: 10" as "CSV line 2: ...". */
  private static String located(String message) {
    Matcher at = AT_LINE.matcher(message == null ? "" : message);
    if (at.find()) {
      return "CSV line " + at.group(2) + ": " + at.group(1);
    }
    return "CSV: " + message;
  }

  private static String message(RuntimeException e) {
    Throwable cause = e.getCause() != null ? e.getCause() : e;
    return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
  }

  /** A cell or row that breaks the options; ends the parse. */
  private static final class CellRefused extends RuntimeException {
    CellRefused(String message) {
      super(message, null, false, false);
    }
  }
}
