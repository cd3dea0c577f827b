package io.outrun.listener.webhook;

import io.outrun.listener.WebhookSecretFixtures;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A webhook trigger the fuzz test calls, and how to call it correctly: its method, its credentials,
 * the signature of a body.
 *
 * @param fireable false for a trigger the listener must answer 404 (disabled, workflow paused)
 */
record FuzzTrigger(
    String id,
    String workflowId,
    String method,
    Auth auth,
    boolean fireable,
    boolean originChecked) {

  static final String ALLOWED_ORIGIN = "https://app.example.com";
  private static final String TOKEN = "fuzz-token-0123456789abcdef";
  private static final String HMAC_SECRET = "fuzz-hmac-secret-0123456789";
  private static final byte[] STANDARD_KEY = "0123456789abcdef0123456789abcdef".getBytes();
  private static final String STANDARD_SECRET =
      "whsec_" + Base64.getEncoder().encodeToString(STANDARD_KEY);

  enum Auth {
    NONE,
    API_KEY,
    BEARER,
    HMAC,
    GITHUB,
    STRIPE,
    STANDARD
  }

  String path() {
    return "/api/webhooks/" + id;
  }

  /** The trigger's {@code config} as trigger-api stores it. */
  Map<String, Object> config() {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("method", method);
    if (originChecked) {
      config.put("allowedOrigins", java.util.List.of(ALLOWED_ORIGIN));
    }
    switch (auth) {
      case NONE -> config.put("authType", "none");
      case API_KEY, BEARER -> {
        config.put("authType", auth == Auth.API_KEY ? "api_key" : "bearer");
        config.put("secretHash", WebhookSecretFixtures.sha256Hex(TOKEN));
      }
      default -> {
        config.put("authType", "hmac");
        config.put("signatureScheme", auth.name().toLowerCase());
        String secret = auth == Auth.STANDARD ? STANDARD_SECRET : HMAC_SECRET;
        config.put("secretEncrypted", WebhookSecretFixtures.encrypt(secret, id));
        config.put("keyId", "k-fuzz");
      }
    }
    return config;
  }

  /**
   * The headers that authenticate {@code body} at {@code unixSeconds}; {@code wrong} signs or
   * presents something else (a wrong secret, another body), as an attacker would.
   */
  Map<String, String> credentials(byte[] body, long unixSeconds, boolean wrong) {
    String deliveryId = "msg_" + unixSeconds;
    byte[] signed = wrong ? "tampered".getBytes(StandardCharsets.UTF_8) : body;
    return switch (auth) {
      case NONE -> Map.of();
      case API_KEY -> Map.of("X-API-Key", wrong ? TOKEN + "x" : TOKEN);
      case BEARER -> Map.of("Authorization", "Bearer " + (wrong ? "x" + TOKEN : TOKEN));
      case HMAC -> Map.of("X-Signature", "sha256=" + hex(HMAC_SECRET, signed));
      case GITHUB -> Map.of("X-Hub-Signature-256", "sha256=" + hex(HMAC_SECRET, signed));
      case STRIPE ->
          Map.of(
              "Stripe-Signature",
              "t=" + unixSeconds + ",v1=" + hex(HMAC_SECRET, concat(unixSeconds + ".", signed)));
      case STANDARD ->
          Map.of(
              "webhook-id",
              deliveryId,
              "webhook-timestamp",
              String.valueOf(unixSeconds),
              "webhook-signature",
              "v1,"
                  + Base64.getEncoder()
                      .encodeToString(
                          mac(STANDARD_KEY, concat(deliveryId + "." + unixSeconds + ".", signed))));
    };
  }

  private static byte[] concat(String prefix, byte[] body) {
    byte[] head = prefix.getBytes(StandardCharsets.UTF_8);
    byte[] all = new byte[head.length + body.length];
    System.arraycopy(head, 0, all, 0, head.length);
    System.arraycopy(body, 0, all, head.length, body.length);
    return all;
  }

  private static String hex(String secret, byte[] data) {
    return HexFormat.of().formatHex(mac(secret.getBytes(StandardCharsets.UTF_8), data));
  }

  private static byte[] mac(byte[] key, byte[] data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
