package io.outrun.listener.webhook;

import java.util.List;
import reactor.core.publisher.Mono;

/** Where webhook log entries are written. */
interface WebhookLogStore {

  /** Writes all the entries at once (one round trip). */
  Mono<Void> write(List<WebhookLogEntry> entries);
}
