package io.outrun.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalKeyTest {

  @TempDir Path dataDir;

  @Test
  void keyIsMadeOnceKeptAcrossRestartsAndReadableOnlyByItsOwner() throws Exception {
    String first = LocalStack.localKey(dataDir, "dev-jwt-secret");
    String again = LocalStack.localKey(dataDir, "dev-jwt-secret");

    assertThat(again).isEqualTo(first);
    assertThat(Base64.getDecoder().decode(first)).hasSize(32);
    assertThat(
            PosixFilePermissions.toString(
                Files.getPosixFilePermissions(dataDir.resolve("dev-jwt-secret"))))
        .isEqualTo("rw-------");
  }

  @Test
  void aKeyFileLeftReadableByOthersIsTightenedOnStart() throws Exception {
    Path file = dataDir.resolve("dev-jwt-secret");
    Files.writeString(file, "a2V5LWZyb20tYW4tb2xkZXItdmVyc2lvbi1vZi1vdXRydW4hIQ==");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

    assertThat(LocalStack.localKey(dataDir, "dev-jwt-secret"))
        .isEqualTo("a2V5LWZyb20tYW4tb2xkZXItdmVyc2lvbi1vZi1vdXRydW4hIQ==");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
  }
}
