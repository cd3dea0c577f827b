package io.outrun.listener.webhook;

import io.outrun.service.secret.Sha256;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks one presented credential against one key, over the raw body bytes, comparing in constant
 * time ({@link MessageDigest#isEqual}). A malformed header is simply not valid. Pure: no Spring, no
 * I/O; the caller passes {@code now}.
 */
final class WebhookSignatures {

  /** How far a signed timestamp may be from now, either way (Stripe, Standard Webhooks). */
  static final Duration TOLERANCE = Duration.ofSeconds(300);

  private static final String SHA256_PREFIX = "sha256=";
  private static final String HMAC_SHA256 = "HmacSHA256";

  private WebhookSignatures() {}

  /** {@code X-Signature} / {@code X-Hub-Signature-256}: {@code sha256=<hex HMAC(key, body)>}. */
  static boolean hexSignature(byte[] key, byte[] body, String header) {
    if (header == null || !header.strip().toLowerCase(Locale.ROOT).startsWith(SHA256_PREFIX)) {
      return false;
    }
    return equalsHex(hmac(key, body), header.strip().substring(SHA256_PREFIX.length()));
  }

  /** {@code Stripe-Signature: t=<unix>,v1=<hex HMAC(key, "t.body")>[,v1=...]}; any v1 may match. */
  static boolean stripe(byte[] key, byte[] body, String header, Instant now) {
    if (header == null) {
      return false;
    }
    String timestamp = null;
    List<String> signatures = new ArrayList<>();
    for (String part : header.split(",")) {
      int equals = part.indexOf('=');
      if (equals < 0) {
        continue;
      }
      String name = part.substring(0, equals).strip();
      String value = part.substring(equals + 1).strip();
      if (name.equals("t")) {
        if (timestamp != null) {
          return false;
        }
        timestamp = value;
      } else if (name.equals("v1")) {
        signatures.add(value);
      }
    }
    if (!withinTolerance(timestamp, now)) {
      return false;
    }
    byte[] expected = hmac(key, signed(timestamp + ".", body));
    boolean valid = false;
    for (String signature : signatures) {
      valid |= equalsHex(expected, signature);
    }
    return valid;
  }

  /**
   * Standard Webhooks: {@code webhook-signature: v1,<base64 HMAC(key, "id.timestamp.body")>},
   * several space-separated; any one may match.
   */
  static boolean standard(
      byte[] key, byte[] body, String id, String timestamp, String header, Instant now) {
    if (id == null || header == null || !withinTolerance(timestamp, now)) {
      return false;
    }
    byte[] expected = hmac(key, signed(id.strip() + "." + timestamp.strip() + ".", body));
    boolean valid = false;
    for (String entry : header.strip().split(" +")) {
      if (entry.startsWith("v1,")) {
        valid |= equalsBase64(expected, entry.substring(3));
      }
    }
    return valid;
  }

  /** An API key or bearer token against the stored SHA-256 of the secret. */
  static boolean token(byte[] storedSha256, String presented) {
    if (presented == null || presented.isEmpty()) {
      return false;
    }
    return MessageDigest.isEqual(
        storedSha256, Sha256.of(presented.getBytes(StandardCharsets.UTF_8)));
  }

  static boolean withinTolerance(String unixSeconds, Instant now) {
    if (unixSeconds == null) {
      return false;
    }
    try {
      Instant signedAt = Instant.ofEpochSecond(Long.parseLong(unixSeconds.strip()));
      return Duration.between(signedAt, now).abs().compareTo(TOLERANCE) <= 0;
    } catch (NumberFormatException | java.time.DateTimeException notATime) {
      return false;
    }
  }

  static byte[] hmac(byte[] key, byte[] data) {
    try {
      Mac mac = Mac.getInstance(HMAC_SHA256);
      mac.init(new SecretKeySpec(key, HMAC_SHA256));
      return mac.doFinal(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is unavailable", e);
    }
  }

  private static byte[] signed(String prefix, byte[] body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(prefix.length() + body.length);
    out.writeBytes(prefix.getBytes(StandardCharsets.UTF_8));
    out.writeBytes(body);
    return out.toByteArray();
  }

  private static boolean equalsHex(byte[] expected, String hex) {
    try {
      return MessageDigest.isEqual(expected, HexFormat.of().parseHex(hex.strip()));
    } catch (IllegalArgumentException notHex) {
      return false;
    }
  }

  private static boolean equalsBase64(byte[] expected, String base64) {
    try {
      return MessageDigest.isEqual(expected, Base64.getDecoder().decode(base64.strip()));
    } catch (IllegalArgumentException notBase64) {
      return false;
    }
  }
}
