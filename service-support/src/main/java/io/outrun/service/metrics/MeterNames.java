package io.outrun.service.metrics;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.stream.Stream;

/**
 * The meter names a {@code *Metrics} class declares: its constants whose value is {@code outrun.*}.
 */
public final class MeterNames {

  private MeterNames() {}

  public static List<String> declaredBy(Class<?> metrics) {
    return Stream.of(metrics.getFields())
        .filter(f -> Modifier.isStatic(f.getModifiers()) && f.getType() == String.class)
        .map(MeterNames::value)
        .filter(value -> value.startsWith("outrun."))
        .toList();
  }

  private static String value(Field field) {
    try {
      return (String) field.get(null);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    }
  }
}
