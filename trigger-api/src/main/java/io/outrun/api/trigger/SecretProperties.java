package io.outrun.api.trigger;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code outrun.api.secrets.*}.
 *
 * @param encryptionKey base64 of 32 bytes: the AES-256 key for webhook HMAC secrets at rest. Never
 *     stored in the database. Without it, webhooks with {@code authType: hmac} cannot be created
 *     (503); every other trigger works.
 */
@ConfigurationProperties("outrun.api.secrets")
record SecretProperties(String encryptionKey) {}
