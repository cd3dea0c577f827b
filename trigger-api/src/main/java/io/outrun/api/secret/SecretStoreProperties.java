package io.outrun.api.secret;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code outrun.api.secrets.*}.
 *
 * @param encryptionKey base64 of 32 bytes: the AES-256-GCM key of workspace secrets and of webhook
 *     HMAC secrets at rest, never stored in the database ({@link SecretsConfiguration} builds the
 *     one box of both). Without it, {@code PUT /api/secrets/{name}} answers 503 (listing and
 *     deleting work) and webhooks with {@code authType: hmac} cannot be created (503); every other
 *     trigger works.
 * @param maxPerWorkspace how many secrets one workspace may hold (over it: 409)
 * @param maxValueLength the longest secret value, in characters (over it: 400)
 */
@ConfigurationProperties("outrun.api.secrets")
record SecretStoreProperties(
    String encryptionKey, Integer maxPerWorkspace, Integer maxValueLength) {

  SecretStoreProperties {
    maxPerWorkspace = maxPerWorkspace == null ? 500 : maxPerWorkspace;
    maxValueLength = maxValueLength == null ? 65_536 : maxValueLength;
  }
}
