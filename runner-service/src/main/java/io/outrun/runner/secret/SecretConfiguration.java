package io.outrun.runner.secret;

import io.outrun.runner.store.SecretDocuments;
import io.outrun.service.secret.SecretBox;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Builds {@link WorkspaceSecrets}; a malformed key stops startup, a missing one is allowed. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SecretProperties.class)
class SecretConfiguration {

  @Bean
  WorkspaceSecrets workspaceSecrets(SecretDocuments documents, SecretProperties properties) {
    SecretBox box =
        SecretBox.fromBase64(properties.encryptionKey(), "outrun.runner.secrets.encryption-key")
            .orElse(null);
    return new WorkspaceSecrets(documents, box);
  }
}
