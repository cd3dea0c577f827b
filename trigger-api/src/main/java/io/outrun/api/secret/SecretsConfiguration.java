package io.outrun.api.secret;

import io.outrun.api.MongoIndexes;
import io.outrun.service.secret.SecretBox;
import io.outrun.service.secret.StoredSecrets;
import java.util.Optional;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.index.Index;

/**
 * The cipher of {@code outrun.api.secrets.encryption-key}, one for workspace secrets and webhook
 * HMAC secrets (the trigger feature takes it too), and the secrets store's index.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SecretStoreProperties.class)
class SecretsConfiguration {

  /**
   * Built and exercised once, at startup: a malformed key stops it. No key is no box (a null bean):
   * take it as {@code Optional<SecretBox>}.
   */
  @Bean
  SecretBox secretBox(SecretStoreProperties properties) {
    return SecretBox.fromBase64(properties.encryptionKey(), "outrun.api.secrets.encryption-key")
        .orElse(null);
  }

  @Bean
  SecretSealer secretSealer(Optional<SecretBox> box) {
    return new SecretSealer(box.orElse(null));
  }

  @Bean
  MongoIndexes secretIndexes() {
    return MongoIndexes.of(
        MongoIndexes.on(
            StoredSecrets.COLLECTION,
            new Index()
                .on("workspaceId", Sort.Direction.ASC)
                .on("name", Sort.Direction.ASC)
                .named("workspace_name")));
  }
}
