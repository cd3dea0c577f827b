package io.outrun.listener.webhook;

import io.outrun.service.secret.SecretBox;
import io.outrun.triggers.WebhookConfig;
import io.outrun.triggers.WebhookSecretRefs;
import io.outrun.triggers.WebhookSecretRefs.Secret;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * What a webhook trigger demands of a request, read once from its typed config: the kind of
 * credential and the usable keys (the current secret's, and the previous one's until its expiry
 * after a rotation). Key material is a SHA-256 hash for api_key and bearer, the decrypted HMAC key
 * for the signature schemes, opened with the trigger id as owner by the {@link SecretBox} that
 * sealed it in trigger-api. Pure: no Spring, no I/O.
 *
 * @param problem why a stored secret could not be used (for a log line, never secret), or null
 */
record WebhookCredentials(Kind kind, List<Key> keys, String problem) {

  enum Kind {
    NONE,
    API_KEY,
    BEARER,
    HMAC,
    GITHUB,
    STRIPE,
    STANDARD
  }

  /** One usable secret; {@code expiresAt} null for the current one. */
  record Key(byte[] material, Instant expiresAt) {
    boolean usableAt(Instant now) {
      return expiresAt == null || now.isBefore(expiresAt);
    }
  }

  static final String STANDARD_PREFIX = "whsec_";

  WebhookCredentials {
    keys = List.copyOf(keys);
  }

  /** What the webhook's config demands, with the keys of its stored secrets. */
  static WebhookCredentials read(String triggerId, WebhookConfig config, SecretBox box) {
    Kind kind = kind(config);
    if (kind == Kind.NONE) {
      return new WebhookCredentials(kind, List.of(), null);
    }
    List<Key> keys = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    WebhookSecretRefs secrets = config.secrets();
    readKey(kind, triggerId, secrets.current(), "current secret", box, null, keys, problems);
    if (secrets.previousExpiresAt() != null && secrets.previous() != null) {
      readKey(
          kind,
          triggerId,
          secrets.previous(),
          "previous secret",
          box,
          secrets.previousExpiresAt(),
          keys,
          problems);
    }
    String problem = problems.isEmpty() ? null : String.join("; ", problems);
    return new WebhookCredentials(kind, keys, problem);
  }

  private static Kind kind(WebhookConfig config) {
    return switch (config.authType()) {
      case NONE -> Kind.NONE;
      case API_KEY -> Kind.API_KEY;
      case BEARER -> Kind.BEARER;
      case HMAC ->
          switch (config.signatureScheme()) {
            case HMAC -> Kind.HMAC;
            case GITHUB -> Kind.GITHUB;
            case STRIPE -> Kind.STRIPE;
            case STANDARD -> Kind.STANDARD;
          };
    };
  }

  /** One stored secret's key; {@code secret} null for none stored. */
  private static void readKey(
      Kind kind,
      String triggerId,
      Secret secret,
      String label,
      SecretBox box,
      Instant expiresAt,
      List<Key> keys,
      List<String> problems) {
    boolean current = expiresAt == null;
    if (kind == Kind.API_KEY || kind == Kind.BEARER) {
      String hash = secret == null ? null : secret.hash();
      try {
        if (hash != null) {
          keys.add(new Key(HexFormat.of().parseHex(hash.strip()), expiresAt));
        } else if (current) {
          problems.add(label + ": no secretHash");
        }
      } catch (IllegalArgumentException notHex) {
        problems.add(label + ": secretHash is not hex");
      }
      return;
    }
    String encrypted = secret == null ? null : secret.encrypted();
    if (encrypted == null) {
      if (current) {
        problems.add(label + ": no secretEncrypted");
      }
      return;
    }
    if (box == null) {
      problems.add(label + ": no secret encryption key is configured");
      return;
    }
    try {
      keys.add(new Key(hmacKey(kind, box.open(encrypted, triggerId)), expiresAt));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      problems.add(label + ": cannot be decrypted (another key or altered)");
    }
  }

  /** Standard Webhooks keys are the base64 after {@code whsec_}; the others the secret's UTF-8. */
  static byte[] hmacKey(Kind kind, String secret) {
    if (kind == Kind.STANDARD) {
      String base64 =
          secret.startsWith(STANDARD_PREFIX) ? secret.substring(STANDARD_PREFIX.length()) : secret;
      return Base64.getDecoder().decode(base64);
    }
    return secret.getBytes(StandardCharsets.UTF_8);
  }
}
