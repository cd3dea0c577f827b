package io.outrun.api.secret;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code outrun.api.secrets.*} as the workspace secrets store reads it.
 *
 * @param encryptionKey base64 of 32 bytes: the AES-256-GCM key, the same as for webhook HMAC
 *     secrets ({@code SecretProperties} in the trigger feature binds it too). Without it, {@code
 *     PUT /api/secrets/{name}} answers 503; listing and deleting work.
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
