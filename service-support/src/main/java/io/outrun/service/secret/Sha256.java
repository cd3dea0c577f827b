package io.outrun.service.secret;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * SHA-256, written once for the services: the key id of {@link SecretBox}, and the stored hash of
 * webhook api_key and bearer secrets (trigger-api hashes them as {@link #hex}, listener-service
 * compares a presented one by {@link #of}). Pure: no Spring, no I/O.
 */
public final class Sha256 {

  private Sha256() {}

  /** The 32-byte SHA-256 of {@code bytes}. */
  public static byte[] of(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is unavailable", e);
    }
  }

  /** The SHA-256 of the UTF-8 bytes of {@code text}, as lower-case hex. */
  public static String hex(String text) {
    return HexFormat.of().formatHex(of(text.getBytes(StandardCharsets.UTF_8)));
  }
}
