package io.outrun.api;

import io.outrun.service.metrics.MeterDoc;
import java.util.List;

/** Metric names of trigger-api, in one place. Tags have few values, never an id. */
public final class ApiMetrics {

  /** Run requests from {@code POST /api/workflows/{id}/runs}, tagged {@link #OUTCOME}. */
  public static final String RUNS_REQUESTED = "outrun.api.runs.requested";

  /**
   * Tag: {@code accepted} (on Kafka), {@code refused} (404 or 409), {@code unavailable} (Kafka did
   * not acknowledge).
   */
  public static final String OUTCOME = "outcome";

  /** Every {@code /api/**} call, tagged {@link #OUTCOME}: success, client_error, server_error. */
  public static final String API_CALLS = "outrun.api.calls";

  /** Successful deploys and rollbacks of a workflow, tagged {@link #KIND}. */
  public static final String DEPLOYS = "outrun.api.deploys";

  /** Tag: {@code deploy} or {@code rollback}. */
  public static final String KIND = "kind";

  /** Gauge: triggers stored, across workspaces, tagged {@link #TRIGGER_TYPE}. */
  public static final String TRIGGERS = "outrun.api.triggers";

  /**
   * Tag: {@code webhook}, {@code schedule}, {@code data_change}, {@code dependency}, {@code
   * kafka_topic}, {@code manual}.
   */
  public static final String TRIGGER_TYPE = "trigger_type";

  /**
   * Audit entries stored ({@code outcome="written"}) and lost ({@code "failed"}: MongoDB refused or
   * timed out; each is also logged at ERROR).
   */
  public static final String AUDIT_WRITES = "outrun.api.audit.writes";

  /** Calls refused for the caller's role (403), tagged {@link #ROLE}: the role it needs. */
  public static final String ACCESS_DENIED = "outrun.api.access.denied";

  /** Tag: {@code viewer}, {@code editor}, {@code admin}. */
  public static final String ROLE = "role";

  /** Requests refused by a workspace quota (429 or 409), tagged {@link #LIMIT}. */
  public static final String QUOTA_REJECTIONS = "outrun.api.quota.rejections";

  /** Tag: the quota that refused: {@link #RUNS_PER_MINUTE}. */
  public static final String LIMIT = "limit";

  /** Tag value: {@code outrun.quotas.runs-per-minute}. */
  public static final String RUNS_PER_MINUTE = "runs_per_minute";

  /** What each meter measures: Prometheus' HELP text and the base unit. */
  public static final List<MeterDoc> DOCS =
      List.of(
          MeterDoc.count(RUNS_REQUESTED, "Run requests from POST /api/workflows/{id}/runs"),
          MeterDoc.of(API_CALLS, "calls", "Calls of /api/**, by outcome"),
          MeterDoc.of(DEPLOYS, "deploys", "Successful deploys and rollbacks"),
          MeterDoc.of(TRIGGERS, "triggers", "Triggers stored, by type"),
          MeterDoc.of(AUDIT_WRITES, "entries", "Audit log writes, by outcome (failed = lost)"),
          MeterDoc.of(
              ACCESS_DENIED, "calls", "Calls refused for the caller's role, by role needed"),
          MeterDoc.of(QUOTA_REJECTIONS, "requests", "Requests refused by a workspace quota"));

  private ApiMetrics() {}
}
