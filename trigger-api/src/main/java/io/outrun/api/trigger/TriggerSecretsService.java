package io.outrun.api.trigger;

import io.outrun.api.error.ProblemException;
import io.outrun.triggers.StoredConfig;
import io.outrun.triggers.TriggerConfig;
import io.outrun.triggers.TriggerConfigs.Checked;
import io.outrun.triggers.WebhookConfig;
import io.outrun.triggers.WebhookConfig.SignatureScheme;
import io.outrun.triggers.WebhookSecretRefs;
import io.outrun.triggers.WebhookSecretRefs.Secret;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;
import org.springframework.stereotype.Component;

/**
 * Puts a webhook's secret into its config (as a hash or a ciphertext, never in plain) on create,
 * update and rotation, and answers the plain secret so the response can show it once.
 */
@Component
class TriggerSecretsService {

  static final Duration PREVIOUS_SECRET_GRACE = Duration.ofHours(24);

  /** A config to store, and the plain secret to show once (null if none was set). */
  record WithSecret(StoredConfig config, String secret) {
    WithSecret(TriggerConfig config, String secret) {
      this(new StoredConfig.Readable(config), secret);
    }
  }

  /** Kinds of secret that can be kept across an update: hashed token, HMAC key, Standard key. */
  private enum Kind {
    NONE,
    TOKEN,
    HMAC,
    STANDARD
  }

  private final WebhookSecrets secrets;
  private final Clock clock;

  TriggerSecretsService(WebhookSecrets secrets, Clock clock) {
    this.secrets = secrets;
    this.clock = clock;
  }

  /** A new authenticated webhook gets the secret its request chose, or a generated one. */
  WithSecret forNew(String triggerId, Checked.Valid requested) {
    if (!(requested.config() instanceof WebhookConfig webhook) || !webhook.authenticated()) {
      return new WithSecret(requested.config(), null);
    }
    String secret =
        requested.requestedSecret() != null
            ? requested.requestedSecret()
            : secrets.generate(webhook);
    return withNewSecret(triggerId, webhook, secret, WebhookSecretRefs::of);
  }

  /** Keeps the stored secret when the kind of secret stays the same and none is given. */
  WithSecret forUpdate(Trigger existing, Checked.Valid requested) {
    if (!(requested.config() instanceof WebhookConfig webhook) || !webhook.authenticated()) {
      return new WithSecret(requested.config(), null);
    }
    Optional<WebhookConfig> stored = existing.config(WebhookConfig.class);
    if (requested.requestedSecret() == null
        && stored.isPresent()
        && kind(stored.get()) == kind(webhook)) {
      return new WithSecret(webhook.withSecrets(stored.get().secrets()), null);
    }
    return forNew(existing.id(), requested);
  }

  /** A new secret; the current one stays usable until 24 h from now. */
  WithSecret rotate(Trigger trigger) {
    WebhookConfig webhook =
        trigger
            .config(WebhookConfig.class)
            .filter(WebhookConfig::authenticated)
            .orElseThrow(
                () ->
                    ProblemException.conflict(
                        "Only webhook triggers with authentication have a secret."));
    Instant expiresAt = clock.instant().plus(PREVIOUS_SECRET_GRACE);
    return withNewSecret(
        trigger.id(),
        webhook,
        secrets.generate(webhook),
        fresh -> webhook.secrets().rotatedTo(fresh, expiresAt));
  }

  private WithSecret withNewSecret(
      String triggerId,
      WebhookConfig webhook,
      String secret,
      Function<Secret, WebhookSecretRefs> keptAs) {
    if (WebhookSecrets.encrypted(webhook) && !secrets.canEncrypt()) {
      throw ProblemException.unavailable(
          "Secret encryption is not configured (outrun.api.secrets.encryption-key), so HMAC"
              + " webhooks cannot be created.");
    }
    Secret stored = secrets.stored(webhook, secret, triggerId);
    return new WithSecret(webhook.withSecrets(keptAs.apply(stored)), secret);
  }

  private static Kind kind(WebhookConfig webhook) {
    if (!webhook.authenticated()) {
      return Kind.NONE;
    }
    if (!WebhookSecrets.encrypted(webhook)) {
      return Kind.TOKEN;
    }
    return webhook.signatureScheme() == SignatureScheme.STANDARD ? Kind.STANDARD : Kind.HMAC;
  }
}
