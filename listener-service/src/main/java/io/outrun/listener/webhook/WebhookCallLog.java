package io.outrun.listener.webhook;

import io.outrun.listener.registry.KnownTrigger;
import io.outrun.listener.registry.TriggerLookup;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;

/**
 * The log entry of one answered webhook call, queued on {@link WebhookLogs}: only when, method,
 * path (no query string), client address, user agent, status, reason, time taken and run; never a
 * header, body or credential. Calls to triggers that exist but cannot fire are logged too (their
 * reason says why: the answer does not); ids the registry never saw are only counted, so no
 * caller-chosen id is stored.
 */
@Component
class WebhookCallLog {

  private final WebhookLogs logs;
  private final TriggerLookup registry;
  private final Clock clock;
  private final boolean trustForwardedFor;

  WebhookCallLog(
      WebhookLogs logs, TriggerLookup registry, Clock clock, WebhookLogProperties properties) {
    this.logs = logs;
    this.registry = registry;
    this.clock = clock;
    this.trustForwardedFor = properties.trustForwardedFor();
  }

  void record(
      WebhookCall call, ServerHttpRequest request, Instant receivedAt, WebhookOutcome outcome) {
    Optional<KnownTrigger> known = registry.known(call.triggerId());
    if (known.isEmpty()) {
      logs.unknownTrigger();
      return;
    }
    long took = Math.max(0, clock.millis() - receivedAt.toEpochMilli());
    logs.record(
        new WebhookLogEntry(
            call.triggerId(),
            known.get().workspaceId(),
            receivedAt,
            call.method(),
            call.path(),
            clientIp(request),
            request.getHeaders().getFirst(HttpHeaders.USER_AGENT),
            WebhookResponses.status(outcome).value(),
            WebhookLogEntry.reason(outcome, known.get().standing()),
            took,
            outcome.runId()));
  }

  private String clientIp(ServerHttpRequest request) {
    if (trustForwardedFor) {
      String forwarded = request.getHeaders().getFirst("X-Forwarded-For");
      if (forwarded != null && !forwarded.isBlank()) {
        return forwarded.split(",", 2)[0].trim();
      }
    }
    InetSocketAddress remote = request.getRemoteAddress();
    if (remote == null) {
      return null;
    }
    return remote.getAddress() != null
        ? remote.getAddress().getHostAddress()
        : remote.getHostString();
  }
}
