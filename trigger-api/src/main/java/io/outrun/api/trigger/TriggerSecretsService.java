package io.outrun.api.trigger;

import io.outrun.api.error.ProblemException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.stereotype.Component;

/**
 * Puts a webhook's secret into its stored config (as a hash or a ciphertext, never in plain) on
 * create, update and rotation, and answers the plain secret so the response can show it once.
 */
@Component
class TriggerSecretsService {

  static final Duration PREVIOUS_SECRET_GRACE = Duration.ofHours(24);
  private static final List<String> CURRENT_FIELDS =
      List.of(WebhookSecrets.HASH, WebhookSecrets.ENCRYPTED, WebhookSecrets.KEY_ID);

  /** A config to store, and the plain secret to show once (null if none was set). */
  record WithSecret(Map<String, Object> config, String secret) {}

  private final WebhookSecrets secrets;

  TriggerSecretsService(WebhookSecrets secrets) {
    this.secrets = secrets;
  }

  /** {@code raw} is the config as requested: it may carry a caller-chosen HMAC secret. */
  WithSecret forNew(String triggerId, Map<String, Object> config, Map<String, Object> raw) {
    if (!isAuthenticatedWebhook(config)) {
      return new WithSecret(config, null);
    }
    String requested = WebhookConfigRule.requestedSecret(raw);
    return withNewSecret(triggerId, config, requested == null ? generate(config) : requested);
  }

  /** Keeps the stored secret when the kind of secret stays the same and none is given. */
  WithSecret forUpdate(Trigger existing, Map<String, Object> config, Map<String, Object> raw) {
    if (!existing.is(Trigger.WEBHOOK) || !isAuthenticatedWebhook(config)) {
      return new WithSecret(config, null);
    }
    String requested = WebhookConfigRule.requestedSecret(raw);
    if (requested == null && kind(existing.config()).equals(kind(config))) {
      Map<String, Object> kept = new LinkedHashMap<>(config);
      existing.config().entrySet().stream()
          .filter(entry -> isStoredSecretField(entry.getKey()))
          .forEach(entry -> kept.put(entry.getKey(), entry.getValue()));
      return new WithSecret(kept, null);
    }
    return forNew(existing.id(), config, raw);
  }

  /** A new secret; the current one becomes {@code previous...} until now + 24 h. */
  WithSecret rotate(Trigger trigger, Instant now) {
    if (!trigger.is(Trigger.WEBHOOK) || !isAuthenticatedWebhook(trigger.config())) {
      throw ProblemException.conflict("Only webhook triggers with authentication have a secret.");
    }
    Map<String, Object> config = new LinkedHashMap<>(trigger.config());
    config.keySet().removeIf(WebhookSecrets::isSecretField);
    config.remove(WebhookSecrets.PREVIOUS_EXPIRES_AT);
    for (String field : CURRENT_FIELDS) {
      Object value = trigger.config().get(field);
      if (value != null) {
        config.put(WebhookSecrets.previous(field), value);
      }
    }
    config.put(WebhookSecrets.PREVIOUS_EXPIRES_AT, now.plus(PREVIOUS_SECRET_GRACE));
    return withNewSecret(trigger.id(), config, generate(config));
  }

  private WithSecret withNewSecret(String triggerId, Map<String, Object> config, String secret) {
    if (WebhookSecrets.encrypted(config) && !secrets.canEncrypt()) {
      throw ProblemException.unavailable(
          "Secret encryption is not configured (outrun.api.secrets.encryption-key), so HMAC"
              + " webhooks cannot be created.");
    }
    Map<String, Object> stored = new LinkedHashMap<>(config);
    stored.putAll(secrets.stored(config, secret, triggerId));
    return new WithSecret(stored, secret);
  }

  private String generate(Map<String, Object> config) {
    return secrets.generate(config);
  }

  private static boolean isAuthenticatedWebhook(Map<String, Object> config) {
    return config.get("authType") != null && WebhookSecrets.needsSecret(config);
  }

  private static boolean isStoredSecretField(String key) {
    return WebhookSecrets.isSecretField(key) || key.equals(WebhookSecrets.PREVIOUS_EXPIRES_AT);
  }

  /** Secrets of the same kind can be kept: hashed token, HMAC key, or Standard Webhooks key. */
  private static String kind(Map<String, Object> config) {
    if (!isAuthenticatedWebhook(config)) {
      return "none";
    }
    if (!WebhookSecrets.encrypted(config)) {
      return "token";
    }
    return Objects.equals(config.get("signatureScheme"), WebhookConfigRule.STANDARD)
        ? "standard"
        : "hmac";
  }
}
