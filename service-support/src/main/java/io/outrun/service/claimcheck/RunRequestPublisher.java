package io.outrun.service.claimcheck;

import io.outrun.bus.EventPublisher;
import io.outrun.bus.EventPublisher.Publication;
import io.outrun.events.EventCodec;
import io.outrun.events.PayloadRef;
import io.outrun.events.RunRequested;
import io.outrun.service.trace.RequestTraces;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * The one way Outrun publishes run requests. A request that fits in a Kafka record (nearly all) is
 * published as it is, encoded once. One that does not has its trigger payload stored in {@link
 * RunPayloads} first and is published carrying a {@link PayloadRef} instead (a claim check), so the
 * event never names a payload that is not stored; the runner reads it back before it creates the
 * run. A payload over {@code outrun.claim-check.max-payload-size} is neither stored nor published:
 * the caller refuses it (a webhook answers 413). The record carries the {@code traceparent} of the
 * trace the request belongs to ({@link RequestTraces}), and any headers the caller adds.
 *
 * <p>Failures (Kafka not acknowledging, MongoDB unreachable) are errors, as with {@link
 * EventPublisher#publish}: the caller answers 503 or tries again. Publishing the same request again
 * stores the same payload document again (its {@code _id} is the event id).
 */
public final class RunRequestPublisher {

  private static final Logger log = LoggerFactory.getLogger(RunRequestPublisher.class);

  private final EventPublisher publisher;
  private final RunPayloads payloads;
  private final EventCodec codec;
  private final long maxPayloadBytes;
  private final RequestTraces traces;

  public RunRequestPublisher(
      EventPublisher publisher,
      RunPayloads payloads,
      EventCodec codec,
      ClaimCheckProperties properties,
      RequestTraces traces) {
    this.publisher = publisher;
    this.payloads = payloads;
    this.codec = codec;
    this.maxPayloadBytes = properties.maxPayloadSize().toBytes();
    this.traces = traces;
  }

  public Mono<RunRequestOutcome> publish(RunRequested request) {
    return publish(request, Map.of());
  }

  /**
   * As {@link #publish(RunRequested)}, with {@code headers} on the record besides the trace's (a
   * {@code Topics.RUN_RECORDED_BY_HEADER}, for one); a header named as a trace header replaces it.
   */
  public Mono<RunRequestOutcome> publish(RunRequested request, Map<String, String> headers) {
    return traces.current().flatMap(trace -> send(request, merged(trace, headers)));
  }

  private static Map<String, String> merged(Map<String, String> trace, Map<String, String> more) {
    if (more.isEmpty()) {
      return trace;
    }
    Map<String, String> headers = new LinkedHashMap<>(trace);
    headers.putAll(more);
    return headers;
  }

  private Mono<RunRequestOutcome> send(RunRequested request, Map<String, String> headers) {
    return publisher
        .publishIfFits(request, headers)
        .flatMap(
            publication ->
                switch (publication) {
                  case Publication.Published p -> Mono.just(new RunRequestOutcome.Published(null));
                  case Publication.TooLarge tooLarge ->
                      storeAsideThenPublish(request, headers, tooLarge);
                });
  }

  private Mono<RunRequestOutcome> storeAsideThenPublish(
      RunRequested request, Map<String, String> headers, Publication.TooLarge tooLarge) {
    byte[] json = codec.encodePayload(request.triggeredBy().payload());
    if (json.length > maxPayloadBytes) {
      return Mono.just(new RunRequestOutcome.PayloadTooLarge(json.length, maxPayloadBytes));
    }
    return payloads
        .store(request, json)
        .flatMap(
            ref ->
                publisher
                    .publish(request.with(request.triggeredBy().withPayloadAside(ref)), headers)
                    .thenReturn((RunRequestOutcome) new RunRequestOutcome.Published(ref)))
        .doOnNext(
            published ->
                log.info(
                    "Run request {}: its {} bytes are over the {} a Kafka record carries; payload"
                        + " stored aside in {}",
                    request.eventId(),
                    tooLarge.bytes(),
                    tooLarge.limit(),
                    RunPayloads.COLLECTION));
  }
}
