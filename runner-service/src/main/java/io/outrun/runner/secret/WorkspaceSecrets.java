package io.outrun.runner.secret;

import io.outrun.runner.store.SecretDocuments;
import io.outrun.service.secret.SecretBox;
import io.outrun.service.secret.SecretReferences;
import io.outrun.service.secret.StoredSecrets;
import java.security.GeneralSecurityException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import reactor.core.publisher.Mono;

/**
 * Resolves the secrets a node's configuration names ({@code {{ $secrets.NAME }}}) when its step
 * starts: reads their sealed values from the workspace's {@code secrets} and decrypts them. The
 * values live only in the call's context and its {@link io.outrun.service.secret.SecretMask}; a
 * missing or unreadable secret is a {@link SecretLookup.Refused} naming it, never its value.
 */
public final class WorkspaceSecrets {

  private final SecretDocuments documents;
  private final SecretBox box;

  /** {@code box} may be null: then no secret can be read. */
  WorkspaceSecrets(SecretDocuments documents, SecretBox box) {
    this.documents = documents;
    this.box = box;
  }

  /** Resolves no secret: a node that names one fails (for tests of what does not use them). */
  public static WorkspaceSecrets none() {
    return new WorkspaceSecrets(null, null);
  }

  /** The secrets {@code data} names, for a node of the run's {@code workspaceId}. */
  public Mono<SecretLookup> lookup(String workspaceId, Map<String, Object> data) {
    Set<String> names = SecretReferences.scan(data).names();
    if (names.isEmpty()) {
      return Mono.just(SecretLookup.NONE);
    }
    if (box == null || workspaceId == null) {
      return Mono.just(
          new SecretLookup.Refused(
              "secrets cannot be read: outrun.runner.secrets.encryption-key is not configured"));
    }
    return documents
        .find(workspaceId, names)
        .collectList()
        .map(found -> open(workspaceId, names, found));
  }

  private SecretLookup open(
      String workspaceId, Set<String> names, List<SecretDocuments.Sealed> found) {
    Map<String, String> values = new HashMap<>();
    for (SecretDocuments.Sealed sealed : found) {
      try {
        values.put(
            sealed.name(),
            box.open(sealed.valueEncrypted(), StoredSecrets.id(workspaceId, sealed.name())));
      } catch (GeneralSecurityException | RuntimeException e) {
        return new SecretLookup.Refused(
            "secret "
                + sealed.name()
                + " cannot be decrypted (was it written with another encryption key?)");
      }
    }
    for (String name : names) {
      if (!values.containsKey(name)) {
        return new SecretLookup.Refused("secret " + name + " is not set");
      }
    }
    return new SecretLookup.Found(values);
  }
}
