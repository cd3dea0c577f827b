package io.outrun.api.trigger;

import io.outrun.service.secret.SecretBox;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Builds {@link WebhookSecrets} from {@link SecretProperties}; a malformed key stops startup. */
@Configuration(proxyBeanMethods = false)
class SecretConfiguration {

  /**
   * A DRBG seeded once here, on the starting thread, so generating a secret never reads {@code
   * /dev/urandom} on an event-loop thread. {@link SecretBox#fromBase64} does the same for its
   * nonces and exercises the cipher (the JCE provider loads lazily); no key is no box.
   */
  @Bean
  WebhookSecrets webhookSecrets(SecretProperties properties) throws NoSuchAlgorithmException {
    SecureRandom random = SecureRandom.getInstance("DRBG");
    random.nextBytes(new byte[32]);
    SecretBox box =
        SecretBox.fromBase64(properties.encryptionKey(), "outrun.api.secrets.encryption-key")
            .orElse(null);
    return new WebhookSecrets(random, box);
  }
}
