package io.outrun.api.audit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.outrun.api.ApiMetrics;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Writes audit entries. The caller waits for the write (the access filter does so before the
 * response is sent), so an answered call has its entry stored: nothing is buffered where a crash or
 * a full buffer could drop it. A write that fails or takes longer than {@link #TIMEOUT} does not
 * fail the call, whose change is already made: it is logged at ERROR with the entry (no body, no
 * secret) and counted in {@value ApiMetrics#AUDIT_WRITES}{@code {outcome="failed"}}.
 */
@Component
public class AuditLog {

  static final Duration TIMEOUT = Duration.ofSeconds(5);
  private static final Logger log = LoggerFactory.getLogger(AuditLog.class);

  private final AuditStore store;
  private final Counter written;
  private final Counter failed;

  AuditLog(AuditStore store, MeterRegistry meters) {
    this.store = store;
    this.written = meters.counter(ApiMetrics.AUDIT_WRITES, ApiMetrics.OUTCOME, "written");
    this.failed = meters.counter(ApiMetrics.AUDIT_WRITES, ApiMetrics.OUTCOME, "failed");
  }

  /** Stores {@code entry}; completes empty once stored, or once the failure is logged. */
  public Mono<Void> record(AuditEntry entry) {
    return Mono.defer(() -> store.insert(entry))
        .timeout(TIMEOUT)
        .doOnSuccess(done -> written.increment())
        .onErrorResume(
            failure -> {
              failed.increment();
              log.error("Audit entry not stored: {} ({})", entry, failure.toString());
              return Mono.empty();
            });
  }
}
