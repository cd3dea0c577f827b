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

/** The secrets store's cipher (absent without a key; a malformed key stops startup) and index. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SecretStoreProperties.class)
class SecretsConfiguration {

  @Bean
  SecretSealer secretSealer(SecretStoreProperties properties) {
    Optional<SecretBox> box =
        SecretBox.fromBase64(properties.encryptionKey(), "outrun.api.secrets.encryption-key");
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
