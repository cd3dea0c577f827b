package io.outrun.api.audit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.outrun.api.ApiMetrics;
import io.outrun.service.GroupCommit;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;

/**
 * Writes audit entries. The caller waits for the write (the access filter does so before the
 * response is sent), so an answered call has its entry stored: nothing is buffered where a crash or
 * a full buffer could drop it. A write that fails or takes longer than {@link #TIMEOUT} does not
 * fail the call, whose change is already made: it is logged at ERROR with the entry (no body, no
 * secret) and counted in {@value ApiMetrics#AUDIT_WRITES}{@code {outcome="failed"}}.
 *
 * <p>The entries of calls answered close together are inserted together (group commit, as {@code
 * AcceptedRuns} records runs): an entry reaching an idle writer is inserted at once, the entries
 * that arrive while an insert is under way go in the next one, at most {@link #MAX_BATCH} a time.
 * Every write call costs MongoDB a share of one insert, not one each; each caller still waits for
 * the insert holding its entry.
 */
@Component
public class AuditLog {

  static final Duration TIMEOUT = Duration.ofSeconds(5);
  static final int MAX_BATCH = 500;
  private static final Logger log = LoggerFactory.getLogger(AuditLog.class);

  private final AuditStore store;
  private final Counter written;
  private final Counter failed;
  private final GroupCommit<Pending> commit;

  private record Pending(AuditEntry entry, Sinks.Empty<Void> stored) {}

  AuditLog(AuditStore store, MeterRegistry meters) {
    this.store = store;
    this.written = meters.counter(ApiMetrics.AUDIT_WRITES, ApiMetrics.OUTCOME, "written");
    this.failed = meters.counter(ApiMetrics.AUDIT_WRITES, ApiMetrics.OUTCOME, "failed");
    this.commit = new GroupCommit<>(MAX_BATCH, Duration.ZERO, Schedulers.parallel(), this::flush);
  }

  /** Stores {@code entry}; completes empty once stored, or once the failure is logged. */
  public Mono<Void> record(AuditEntry entry) {
    return Mono.defer(
            () -> {
              Sinks.Empty<Void> stored = Sinks.empty();
              commit.add(new Pending(entry, stored));
              return stored.asMono();
            })
        .timeout(TIMEOUT)
        .doOnSuccess(done -> written.increment())
        .onErrorResume(
            failure -> {
              failed.increment();
              log.error("Audit entry not stored: {} ({})", entry, failure.toString());
              return Mono.empty();
            });
  }

  private Mono<Void> flush(List<Pending> batch) {
    return Mono.defer(() -> store.insertAll(batch.stream().map(Pending::entry).toList()))
        .doOnSuccess(done -> batch.forEach(pending -> pending.stored().tryEmitEmpty()))
        .doOnError(failure -> batch.forEach(pending -> pending.stored().tryEmitError(failure)));
  }
}
