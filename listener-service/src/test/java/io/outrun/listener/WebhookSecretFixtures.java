package io.outrun.listener;

import io.outrun.service.secret.SecretBox;
import io.outrun.service.secret.Sha256;

/**
 * Webhook secrets stored the way trigger-api stores them: SHA-256 hex for api_key and bearer,
 * sealed by {@link SecretBox} with the trigger id as owner for the HMAC schemes (the cipher both
 * services use; its tests pin ciphertexts stored by earlier versions).
 */
public final class WebhookSecretFixtures {

  /** The key the integration tests configure: 32 bytes, base64. */
  public static final String ENCRYPTION_KEY = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";

  private static final SecretBox BOX = SecretBox.fromBase64(ENCRYPTION_KEY, "key").orElseThrow();

  private WebhookSecretFixtures() {}

  public static String encrypt(String secret, String triggerId) {
    return BOX.seal(secret, triggerId);
  }

  public static String sha256Hex(String secret) {
    return Sha256.hex(secret);
  }
}
