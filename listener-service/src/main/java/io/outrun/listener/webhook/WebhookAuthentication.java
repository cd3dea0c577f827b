package io.outrun.listener.webhook;

import io.outrun.listener.registry.FireableTrigger;
import io.outrun.service.secret.SecretBox;
import io.outrun.service.secret.Sha256;
import io.outrun.triggers.StoredConfig;
import io.outrun.triggers.WebhookConfig;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Checks a request's credentials with {@link WebhookAuthenticator}, against the current time. The
 * {@link WebhookCredentials} of each trigger are read (and decrypted) once per version of its
 * stored config rather than per request: the registry hands out the same config instance until the
 * trigger's config changes, so an entry is reused while its config is the very same instance. A
 * config that cannot be read has no credentials (the receiver answers 404) and is logged once. An
 * entry of a deleted trigger stays until the listener restarts (one small entry per trigger).
 */
@Component
class WebhookAuthentication {

  private static final Logger log = LoggerFactory.getLogger(WebhookAuthentication.class);

  private record Entry(StoredConfig config, Optional<WebhookCredentials> credentials) {}

  private final SecretBox box;
  private final Clock clock;
  private final Map<String, Entry> entries = new ConcurrentHashMap<>();

  WebhookAuthentication(WebhookProperties properties, Clock clock) {
    this.box = box(properties.encryptionKey());
    this.clock = clock;
  }

  /** Whether the request carries valid credentials (always, for {@code authType: none}). */
  boolean admits(WebhookCredentials credentials, WebhookCall call, byte[] body) {
    return WebhookAuthenticator.authenticate(
        credentials, call.headers()::getFirst, body, clock.instant());
  }

  /** Empty when the trigger's stored config cannot be read. */
  Optional<WebhookCredentials> credentials(FireableTrigger trigger) {
    Entry entry = entries.get(trigger.triggerId());
    if (entry != null && entry.config() == trigger.config()) {
      return entry.credentials();
    }
    Optional<WebhookCredentials> credentials =
        trigger
            .config()
            .as(WebhookConfig.class)
            .map(config -> WebhookCredentials.read(trigger.triggerId(), config, box));
    if (trigger.config() instanceof StoredConfig.Unreadable(var type, var stored, String reason)) {
      log.warn(
          "Webhook trigger {} has a config that cannot be read: {}", trigger.triggerId(), reason);
    }
    credentials
        .map(WebhookCredentials::problem)
        .ifPresent(
            problem ->
                log.warn(
                    "Webhook trigger {} cannot verify requests: {}", trigger.triggerId(), problem));
    entries.put(trigger.triggerId(), new Entry(trigger.config(), credentials));
    return credentials;
  }

  /**
   * Built and exercised at startup ({@link SecretBox#fromBase64} opens what it seals once), so a
   * malformed key stops the service and the JCE providers load on the starting thread rather than
   * on an event loop.
   */
  private static SecretBox box(String key) {
    WebhookSignatures.hmac(new byte[32], new byte[0]);
    Sha256.of(new byte[0]);
    Optional<SecretBox> box = SecretBox.fromBase64(key, "outrun.listener.webhook.encryption-key");
    if (box.isEmpty()) {
      log.info("No webhook secret encryption key: HMAC webhooks will answer 401");
    }
    return box.orElse(null);
  }
}
