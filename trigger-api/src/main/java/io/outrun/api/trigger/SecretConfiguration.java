package io.outrun.api.trigger;

import io.outrun.service.secret.SecretBox;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Optional;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Builds {@link WebhookSecrets} with the {@link SecretBox} of {@code
 * outrun.api.secrets.encryption-key} (the secrets feature's bean, the box of workspace secrets too;
 * absent without a key).
 */
@Configuration(proxyBeanMethods = false)
class SecretConfiguration {

  /**
   * A DRBG seeded once here, on the starting thread, so generating a secret never reads {@code
   * /dev/urandom} on an event-loop thread. {@link SecretBox#fromBase64} did the same for its nonces
   * and exercised the cipher (the JCE provider loads lazily) when the box was built.
   */
  @Bean
  WebhookSecrets webhookSecrets(Optional<SecretBox> box) throws NoSuchAlgorithmException {
    SecureRandom random = SecureRandom.getInstance("DRBG");
    random.nextBytes(new byte[32]);
    return new WebhookSecrets(random, box.orElse(null));
  }
}
