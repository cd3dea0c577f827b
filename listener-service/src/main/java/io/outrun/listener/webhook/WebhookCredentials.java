package io.outrun.listener.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What a webhook trigger demands of a request, read once from its stored config: the kind of
 * credential and the usable keys (the current secret's, and the previous one's until its expiry
 * after a rotation). Key material is a SHA-256 hash for api_key and bearer, the decrypted HMAC key
 * for the signature schemes. Pure: no Spring, no I/O.
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

  /** Empty when the config names an auth type or scheme this listener does not know. */
  static Optional<WebhookCredentials> read(
      String triggerId, Map<String, Object> config, WebhookSecretCipher cipher) {
    Optional<Kind> kind = kind(config);
    if (kind.isEmpty() || kind.get() == Kind.NONE) {
      return kind.map(none -> new WebhookCredentials(none, List.of(), null));
    }
    List<Key> keys = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    readKey(kind.get(), triggerId, config, "", cipher, null, keys, problems);
    Instant previousExpiry = instant(config.get("previousSecretExpiresAt"));
    if (previousExpiry != null) {
      readKey(kind.get(), triggerId, config, "previous", cipher, previousExpiry, keys, problems);
    }
    String problem = problems.isEmpty() ? null : String.join("; ", problems);
    return Optional.of(new WebhookCredentials(kind.get(), keys, problem));
  }

  private static Optional<Kind> kind(Map<String, Object> config) {
    String authType = text(config.get("authType"));
    if (authType == null || authType.isBlank()) {
      return Optional.of(Kind.NONE);
    }
    return switch (authType.strip().toLowerCase(Locale.ROOT)) {
      case "none" -> Optional.of(Kind.NONE);
      case "api_key" -> Optional.of(Kind.API_KEY);
      case "bearer" -> Optional.of(Kind.BEARER);
      case "hmac" -> scheme(text(config.get("signatureScheme")));
      default -> Optional.empty();
    };
  }

  private static Optional<Kind> scheme(String scheme) {
    if (scheme == null || scheme.isBlank()) {
      return Optional.of(Kind.HMAC);
    }
    return switch (scheme.strip().toLowerCase(Locale.ROOT)) {
      case "hmac" -> Optional.of(Kind.HMAC);
      case "github" -> Optional.of(Kind.GITHUB);
      case "stripe" -> Optional.of(Kind.STRIPE);
      case "standard" -> Optional.of(Kind.STANDARD);
      default -> Optional.empty();
    };
  }

  /**
   * {@code prefix} "" reads {@code secretHash}/{@code secretEncrypted}, "previous" the old ones.
   */
  private static void readKey(
      Kind kind,
      String triggerId,
      Map<String, Object> config,
      String prefix,
      WebhookSecretCipher cipher,
      Instant expiresAt,
      List<Key> keys,
      List<String> problems) {
    String label = prefix.isEmpty() ? "current secret" : "previous secret";
    if (kind == Kind.API_KEY || kind == Kind.BEARER) {
      String hash = text(config.get(field(prefix, "secretHash")));
      try {
        if (hash != null) {
          keys.add(new Key(HexFormat.of().parseHex(hash.strip()), expiresAt));
        } else if (prefix.isEmpty()) {
          problems.add(label + ": no secretHash");
        }
      } catch (IllegalArgumentException notHex) {
        problems.add(label + ": secretHash is not hex");
      }
      return;
    }
    String encrypted = text(config.get(field(prefix, "secretEncrypted")));
    if (encrypted == null) {
      if (prefix.isEmpty()) {
        problems.add(label + ": no secretEncrypted");
      }
      return;
    }
    if (cipher == null) {
      problems.add(label + ": no secret encryption key is configured");
      return;
    }
    try {
      keys.add(new Key(hmacKey(kind, cipher.decrypt(encrypted, triggerId)), expiresAt));
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

  private static String field(String prefix, String name) {
    return prefix.isEmpty()
        ? name
        : prefix + Character.toUpperCase(name.charAt(0)) + name.substring(1);
  }

  private static String text(Object value) {
    return value instanceof String text ? text : null;
  }

  /** Mongo gives a Date; other writers may leave an ISO string or epoch millis. */
  private static Instant instant(Object value) {
    return switch (value) {
      case Date date -> date.toInstant();
      case Instant instant -> instant;
      case Number millis -> Instant.ofEpochMilli(millis.longValue());
      case String text -> parse(text);
      case null, default -> null;
    };
  }

  private static Instant parse(String text) {
    try {
      return Instant.parse(text.strip());
    } catch (DateTimeParseException notAnInstant) {
      return null;
    }
  }
}
