package io.outrun.service.retention;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code outrun.retention.*}: how long Outrun keeps what piles up. Each collection's owner creates
 * a TTL index from these and also sweeps what has expired (the in-process MongoDB has no TTL
 * monitor), see {@link RetentionSweeper}.
 *
 * @param runs an ended run, from its {@code finishedAt}; also the age beyond which a run request is
 *     never executed (its run may have ended and expired: docs/ARCHITECTURE.md, "Retention")
 * @param webhookLogs a webhook log bucket, from its newest entry ({@code to})
 * @param triggerEvents a trigger event (missed, skipped, refused...), from its {@code at}
 * @param pendingStarts a delayed dependent start left past its {@code dueAt} (a finished one is
 *     deleted at once; this only removes what an outage left behind)
 * @param auditLog an audit log entry (trigger-api's {@code audit_log}), from its {@code at}
 * @param sweepInterval how often the owner deletes what has expired; 0 leaves it to the TTL index
 */
@ConfigurationProperties("outrun.retention")
public record RetentionProperties(
    @DefaultValue("30d") Duration runs,
    @DefaultValue("7d") Duration webhookLogs,
    @DefaultValue("90d") Duration triggerEvents,
    @DefaultValue("7d") Duration pendingStarts,
    @DefaultValue("365d") Duration auditLog,
    @DefaultValue("1h") Duration sweepInterval) {

  public RetentionProperties {
    positive("runs", runs);
    positive("webhook-logs", webhookLogs);
    positive("trigger-events", triggerEvents);
    positive("pending-starts", pendingStarts);
    positive("audit-log", auditLog);
    if (sweepInterval.isNegative()) {
      throw new IllegalArgumentException("outrun.retention.sweep-interval must not be negative");
    }
  }

  /** The defaults, for tests and tools. */
  public static RetentionProperties defaults() {
    return new RetentionProperties(
        Duration.ofDays(30),
        Duration.ofDays(7),
        Duration.ofDays(90),
        Duration.ofDays(7),
        Duration.ofDays(365),
        Duration.ofHours(1));
  }

  private static void positive(String name, Duration value) {
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException("outrun.retention." + name + " must be positive");
    }
  }
}
