package io.outrun.api;

import java.nio.ByteBuffer;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Unguessable random ids (version 4 UUIDs) for new workflows and triggers; a webhook trigger's id
 * is part of its public URL. Uses a DRBG seeded once at startup, so handing out an id never reads
 * {@code /dev/urandom} on an event-loop thread (which {@link UUID#randomUUID()} may).
 */
@Component
public final class RandomIds {

  private final SecureRandom random;

  RandomIds() throws NoSuchAlgorithmException {
    this.random = SecureRandom.getInstance("DRBG");
    random.nextBytes(new byte[16]); // seeds now, on the starting thread
  }

  public String next() {
    byte[] bytes = new byte[16];
    random.nextBytes(bytes);
    bytes[6] = (byte) ((bytes[6] & 0x0f) | 0x40); // version 4
    bytes[8] = (byte) ((bytes[8] & 0x3f) | 0x80); // IETF variant
    ByteBuffer buffer = ByteBuffer.wrap(bytes);
    return new UUID(buffer.getLong(), buffer.getLong()).toString();
  }
}
