package io.outrun.runner.secret;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code outrun.runner.secrets.*}.
 *
 * @param encryptionKey base64 of 32 bytes: the key trigger-api encrypts workspace secrets with
 *     ({@code outrun.api.secrets.encryption-key}, the same value). Without it a node that names a
 *     secret fails its step; nodes without secrets run.
 */
@ConfigurationProperties("outrun.runner.secrets")
record SecretProperties(String encryptionKey) {}
