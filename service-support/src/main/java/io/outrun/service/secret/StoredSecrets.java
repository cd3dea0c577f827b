package io.outrun.service.secret;

/**
 * The {@code secrets} collection, shared by trigger-api (writes) and runner-service (reads): {@code
 * {_id: "<workspaceId>:<name>", workspaceId, name, valueEncrypted, keyId, createdBy, createdAt,
 * updatedBy, updatedAt}}. The associated data of {@code valueEncrypted} is the document's id, so a
 * ciphertext is only ever valid for its own workspace and name.
 */
public final class StoredSecrets {

  public static final String COLLECTION = "secrets";

  private StoredSecrets() {}

  /** The document id, also the ciphertext's associated data. */
  public static String id(String workspaceId, String name) {
    return workspaceId + ":" + name;
  }
}
