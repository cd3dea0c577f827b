package io.outrun.runner.parse;

import java.util.Map;

/**
 * {@code data.csv}: whether the first row names the columns, the delimiter, and the type of a
 * column by name (by 0-based index without a header); a column without one is a string.
 */
public record CsvOptions(boolean header, char delimiter, Map<String, ColumnType> types) {

  public static final CsvOptions DEFAULTS = new CsvOptions(true, ',', Map.of());

  public CsvOptions {
    types = Map.copyOf(types);
  }

  /** What a cell is read as; an empty cell of a number or boolean column is null. */
  public enum ColumnType {
    STRING,
    NUMBER,
    BOOLEAN
  }
}
