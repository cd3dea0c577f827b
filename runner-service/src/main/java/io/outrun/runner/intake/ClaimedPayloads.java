package io.outrun.runner.intake;

import io.outrun.events.PayloadRef;
import io.outrun.events.RunRequested;
import io.outrun.runner.store.QueuedRuns;
import io.outrun.runner.store.RunDocument;
import io.outrun.runner.store.RunReads;
import io.outrun.service.claimcheck.RunPayloads;
import io.outrun.service.claimcheck.StoredPayload;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Run requests whose payload was too large for Kafka carry {@code triggeredBy.payloadRef} instead
 * (docs/adr/0005-claim-check.md): the payload is read back from {@code run_payloads} before the run
 * is created, so the run document and {@code $trigger} hold all of it, and deleted once the run
 * holds it. A payload that is gone (expired, removed) fails the run at once with that reason
 * ({@link StoredPayloadGone}, which no retry can mend), unless an earlier delivery already created
 * the run with its payload: then the run carries on.
 */
@Component
class ClaimedPayloads {

  private static final Logger log = LoggerFactory.getLogger(ClaimedPayloads.class);

  private final QueuedRuns runs;
  private final RunReads reads;
  private final RunPayloads payloads;

  ClaimedPayloads(QueuedRuns runs, RunReads reads, RunPayloads payloads) {
    this.runs = runs;
    this.reads = reads;
    this.payloads = payloads;
  }

  /** The request's run as it is when requested, not stored (see {@link QueuedRuns#fresh}). */
  RunDocument fresh(RunRequested request) {
    return runs.fresh(request);
  }

  /**
   * The run of a request held without its payload ({@link Arrivals}) as stored, payload included,
   * read in one command with the other runs read meanwhile ({@link RunReads}); empty when there is
   * none, or its id holds another request's.
   */
  Mono<RunDocument> stored(RunRequested request) {
    return reads.find(request);
  }

  /** See {@link QueuedRuns#createOrLoadWithoutPayload}. */
  Mono<RunDocument> createOrLoadWithoutPayload(RunRequested request) {
    return runs.createOrLoadWithoutPayload(request);
  }

  /**
   * The request's run, created with its whole payload, or loaded as an earlier delivery left it.
   */
  Mono<RunDocument> createOrLoad(RunRequested request) {
    PayloadRef ref = request.triggeredBy().payloadRef();
    if (ref == null) {
      return runs.createOrLoad(request);
    }
    return payloads
        .find(ref)
        .flatMap(
            stored ->
                switch (stored) {
                  case StoredPayload.Found(Map<String, Object> payload) ->
                      runs.createOrLoad(withPayload(request, payload))
                          .flatMap(run -> forget(ref).thenReturn(run));
                  case StoredPayload.Missing(String reason) ->
                      runs.createOrLoadWithoutPayload(request)
                          .flatMap(
                              run ->
                                  run.terminal() || !run.triggeredBy().payload().isEmpty()
                                      ? Mono.just(run)
                                      : Mono.error(new StoredPayloadGone(reason)));
                });
  }

  /** The request with its payload read back, for recording its run; as it is if there is none. */
  Mono<RunRequested> withStoredPayload(RunRequested request) {
    PayloadRef ref = request.triggeredBy().payloadRef();
    if (ref == null) {
      return Mono.just(request);
    }
    return payloads
        .find(ref)
        .map(
            stored ->
                stored instanceof StoredPayload.Found(Map<String, Object> payload)
                    ? withPayload(request, payload)
                    : request);
  }

  private Mono<Void> forget(PayloadRef ref) {
    return payloads
        .delete(ref)
        .onErrorResume(
            e -> {
              log.warn("Stored payload {} not deleted; it expires: {}", ref.id(), e.toString());
              return Mono.empty();
            });
  }

  private static RunRequested withPayload(RunRequested request, Map<String, Object> payload) {
    return request.with(request.triggeredBy().withPayload(payload));
  }

  /** The payload a request names is gone: its run fails with this reason, at once. */
  static final class StoredPayloadGone extends RuntimeException {
    StoredPayloadGone(String reason) {
      super(reason, null, false, false);
    }
  }
}
