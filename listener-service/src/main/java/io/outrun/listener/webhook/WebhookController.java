package io.outrun.listener.webhook;

import io.outrun.listener.registry.WebhookAddresses;
import io.outrun.listener.web.ProblemInstances;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * {@code ANY /api/webhooks/{triggerId}} and {@code ANY /api/webhooks/{workspaceSlug}/{path}}:
 * public; a 202 in JSON or plain text (the trigger's {@code responseFormat}), anything else as
 * problem details ({@link WebhookResponses}); every answer is counted and logged ({@link
 * WebhookCallLog}).
 */
@RestController
class WebhookController {

  private static final String RETRY_AFTER_SECONDS = "5";

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

  @RequestMapping("/api/webhooks/{triggerId}")
  Mono<Void> receive(
      @PathVariable String triggerId, ServerHttpRequest request, ServerHttpResponse response) {
    return answer(triggerId, request, response);
  }

  /**
   * OPTIONS too is answered as the trigger answers it (a mapping without methods leaves OPTIONS to
   * Spring, which would say 200 whether the trigger exists or not).
   */
  @RequestMapping(path = "/api/webhooks/{triggerId}", method = RequestMethod.OPTIONS)
  Mono<Void> options(
      @PathVariable String triggerId, ServerHttpRequest request, ServerHttpResponse response) {
    return answer(triggerId, request, response);
  }

  /**
   * {@code ANY /api/webhooks/{workspaceSlug}/{path}}: the webhook with that path in the workspace
   * with that slug, answered as its id address would be; an address naming none is the same 404.
   */
  @RequestMapping("/api/webhooks/{workspaceSlug}/{*path}")
  Mono<Void> receiveAtPath(
      @PathVariable String workspaceSlug,
      @PathVariable String path,
      ServerHttpRequest request,
      ServerHttpResponse response) {
    return addresses
        .triggerId(workspaceSlug, path)
        .flatMap(triggerId -> answer(triggerId.orElse(""), request, response));
  }

  @RequestMapping(path = "/api/webhooks/{workspaceSlug}/{*path}", method = RequestMethod.OPTIONS)
  Mono<Void> optionsAtPath(
      @PathVariable String workspaceSlug,
      @PathVariable String path,
      ServerHttpRequest request,
      ServerHttpResponse response) {
    return receiveAtPath(workspaceSlug, path, request, response);
  }

  /** The answer is written here, as bytes, never handed to content negotiation. */
  private Mono<Void> answer(
      String triggerId, ServerHttpRequest request, ServerHttpResponse response) {
    Instant receivedAt = clock.instant();
    WebhookCall call =
        new WebhookCall(
            triggerId,
            request.getMethod().name(),
            request.getPath().value(),
            request.getHeaders(),
            request.getQueryParams());
    return receiver
        .receive(call, body(request))
        .doOnNext(
            outcome -> meters.answered(outcome, Duration.between(receivedAt, clock.instant())))
        .doOnNext(outcome -> callLog.record(call, request, receivedAt, outcome))
        .flatMap(
            outcome ->
                WebhookResponses.write(
                    outcome, ProblemInstances.of(request.getURI().getRawPath()), response));
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
