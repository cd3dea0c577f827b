package io.outrun.cron;

/**
 * Why an expression is not a schedule. Used only to leave the recursive field parser early; {@link
 * CronSchedule#parse} turns it into {@link CronSchedule.Parsed.Invalid}, so it never escapes.
 */
final class InvalidCronException extends RuntimeException {

  InvalidCronException(String reason) {
    super(reason, null, false, false);
  }
}
