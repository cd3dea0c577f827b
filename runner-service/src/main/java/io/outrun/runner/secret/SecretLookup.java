package io.outrun.runner.secret;

import io.outrun.service.secret.SecretMask;
import java.util.Map;

/** The secrets one node names, resolved for its call, or why they cannot be. */
public sealed interface SecretLookup {

  /** No secrets named. */
  SecretLookup NONE = new Found(Map.of());

  /** Every named secret, decrypted; {@link #mask()} hides their values in what is recorded. */
  record Found(Map<String, String> values) implements SecretLookup {

    public Found {
      values = Map.copyOf(values);
    }

    public SecretMask mask() {
      return SecretMask.of(values.values());
    }

    /** Never prints the values. */
    @Override
    public String toString() {
      return "Found[" + values.keySet() + "]";
    }
  }

  /** A secret is missing, unreadable, or no key is configured: the step fails with the reason. */
  record Refused(String reason) implements SecretLookup {}
}
