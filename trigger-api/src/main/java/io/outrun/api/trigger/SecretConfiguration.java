package io.outrun.api.trigger;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Builds {@link WebhookSecrets} from {@link SecretProperties}; a malformed key stops startup. */
@Configuration(proxyBeanMethods = false)
class SecretConfiguration {

  /**
   * A DRBG seeded once here, on the starting thread, so generating a secret or a nonce never reads
   * {@code /dev/urandom} on an event-loop thread. The cipher is exercised once for the same reason
   * (the JCE provider loads lazily).
   */
  @Bean
  WebhookSecrets webhookSecrets(SecretProperties properties) throws NoSuchAlgorithmException {
    SecureRandom random = SecureRandom.getInstance("DRBG");
    random.nextBytes(new byte[32]);
    String key = properties.encryptionKey();
    if (key == null || key.isBlank()) {
      return new WebhookSecrets(random, null);
    }
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(key.trim());
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException("outrun.api.secrets.encryption-key must be base64", e);
    }
    if (bytes.length != 32) {
      throw new IllegalStateException("outrun.api.secrets.encryption-key must be 32 bytes");
    }
    SecretCipher cipher = new SecretCipher(bytes, random);
    cipher.encrypt("warm-up", "warm-up");
    return new WebhookSecrets(random, cipher);
  }
}
