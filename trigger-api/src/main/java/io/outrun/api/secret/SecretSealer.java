package io.outrun.api.secret;

import io.outrun.service.secret.SecretBox;
import io.outrun.service.secret.StoredSecrets;

/** Encrypts a workspace secret for storage, if a key is configured. */
final class SecretSealer {

  /** A stored value: the ciphertext and the id of the key that made it. */
  record Sealed(String valueEncrypted, String keyId) {}

  private final SecretBox box;

  /** {@code box} may be null: then nothing can be sealed. */
  SecretSealer(SecretBox box) {
    this.box = box;
  }

  boolean configured() {
    return box != null;
  }

  Sealed seal(String workspaceId, String name, String value) {
    if (box == null) {
      throw new IllegalStateException("secret encryption is not configured");
    }
    return new Sealed(box.seal(value, StoredSecrets.id(workspaceId, name)), box.keyId());
  }
}
