package io.outrun.cron;

import com.cronutils.descriptor.CronDescriptor;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.parser.CronParser;
import java.util.Locale;

/**
 * English descriptions from cron-utils' {@link CronDescriptor}, e.g. "At 02:00" for {@code 0 2 * *
 * *}. It is given the normalized five fields (macros expanded, names as numbers: cron-utils reads
 * SUN as 7, so it would reject {@code SUN-SAT}).
 */
final class CronDescription {

  private static final CronParser PARSER =
      new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));
  private static final CronDescriptor DESCRIPTOR = CronDescriptor.instance(Locale.ENGLISH);

  private CronDescription() {}

  /** The description of {@code normalized}, or {@code fallback} if cron-utils cannot read it. */
  static String of(String normalized, String fallback) {
    try {
      String text = DESCRIPTOR.describe(PARSER.parse(normalized)).strip();
      return text.isEmpty() ? fallback : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    } catch (RuntimeException e) {
      return fallback;
    }
  }
}
