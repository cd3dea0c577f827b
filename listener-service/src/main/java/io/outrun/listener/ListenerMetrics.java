package io.outrun.listener;

/** Every metric listener-service records, in one place. Tags have few values, never an id. */
public final class ListenerMetrics {

  /** Webhook requests received, tagged {@link #OUTCOME}. */
  public static final String WEBHOOK_REQUESTS = "outrun.listener.webhook.requests";

  /** Tag: what became of a request. */
  public static final String OUTCOME = "outcome";

  public static final String OUTCOME_ACCEPTED = "accepted";
  public static final String OUTCOME_NOT_FOUND = "not_found";
  public static final String OUTCOME_UNAUTHORIZED = "unauthorized";
  public static final String OUTCOME_METHOD_NOT_ALLOWED = "method_not_allowed";
  public static final String OUTCOME_TOO_LARGE = "too_large";
  public static final String OUTCOME_FORBIDDEN_ORIGIN = "forbidden_origin";
  public static final String OUTCOME_RATE_LIMITED = "rate_limited";
  public static final String OUTCOME_UNAVAILABLE = "unavailable";

  /** Gauge: 1 while the trigger registry is loaded and following its change streams, else 0. */
  public static final String REGISTRY_READY = "outrun.listener.registry.ready";

  /** Gauge: how many triggers can fire right now. */
  public static final String REGISTRY_FIREABLE = "outrun.listener.registry.fireable";

  /** Times the registry's change streams failed and were reopened. */
  public static final String REGISTRY_RESTARTS = "outrun.listener.registry.restarts";

  private ListenerMetrics() {}
}
