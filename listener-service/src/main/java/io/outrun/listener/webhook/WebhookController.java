package io.outrun.listener.webhook;

import io.outrun.listener.registry.WebhookAddresses;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * {@code ANY /api/webhooks/{triggerId}} and {@code ANY /api/webhooks/{workspaceSlug}/{path}}:
 * public; a 202 in JSON or plain text (the trigger's {@code responseFormat}), anything else as
 * problem details ({@link WebhookResponses}); every answer is counted and logged ({@link
 * WebhookCallLog}). Routed as a functional endpoint ({@link WebhookRoutes}), not an annotated
 * controller: an annotated method cost every request the argument resolution, a zip of its
 * arguments and the result handling; a route hands the exchange over as it is.
 */
@Component
class WebhookController {

  private final WebhookReceiver receiver;
  private final WebhookCallLog callLog;
  private final WebhookAddresses addresses;
  private final WebhookMeters meters;
  private final Clock clock;

  WebhookController(
      WebhookReceiver receiver,
      WebhookCallLog callLog,
      WebhookAddresses addresses,
      WebhookMeters meters,
      Clock clock) {
    this.receiver = receiver;
    this.callLog = callLog;
    this.addresses = addresses;
    this.meters = meters;
    this.clock = clock;
  }

  /** {@code ANY /api/webhooks/{triggerId}}, OPTIONS too, answered as the trigger answers it. */
  Mono<ServerResponse> receive(ServerRequest request) {
    return answer(request.pathVariable("triggerId"), request.exchange());
  }

  /**
   * {@code ANY /api/webhooks/{workspaceSlug}/{path}}: the webhook with that path in the workspace
   * with that slug, answered as its id address would be; an address naming none is the same 404.
   */
  Mono<ServerResponse> receiveAtPath(ServerRequest request) {
    return addresses
        .triggerId(request.pathVariable("workspaceSlug"), request.pathVariable("path"))
        .flatMap(triggerId -> answer(triggerId.orElse(""), request.exchange()));
  }

  /**
   * The answer is written as bytes ({@link WebhookAnswer}), never handed to content negotiation.
   */
  private Mono<ServerResponse> answer(String triggerId, ServerWebExchange exchange) {
    Instant receivedAt = clock.instant();
    ServerHttpRequest request = exchange.getRequest();
    WebhookCall call =
        new WebhookCall(
            triggerId,
            request.getMethod().name(),
            request.getPath().value(),
            request.getHeaders(),
            request.getQueryParams());
    return receiver
        .receive(call, body(request))
        .publishOn(RequestLoops.of(request))
        .doOnNext(
            outcome -> meters.answered(outcome, Duration.between(receivedAt, clock.instant())))
        .doOnNext(outcome -> callLog.record(call, request, receivedAt, outcome))
        .map(outcome -> WebhookAnswer.of(outcome, request));
  }

  private Mono<byte[]> body(ServerHttpRequest request) {
    long max = receiver.maxBodyBytes();
    if (request.getHeaders().getContentLength() > max) {
      return Mono.error(new DataBufferLimitException("Content-Length over " + max));
    }
    return DataBufferUtils.join(request.getBody(), (int) max)
        .map(WebhookController::bytes)
        .defaultIfEmpty(new byte[0]);
  }

  private static byte[] bytes(DataBuffer buffer) {
    try {
      byte[] bytes = new byte[buffer.readableByteCount()];
      buffer.read(bytes);
      return bytes;
    } finally {
      DataBufferUtils.release(buffer);
    }
  }
}
