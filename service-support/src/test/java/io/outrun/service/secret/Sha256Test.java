package io.outrun.service.secret;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class Sha256Test {

  /** FIPS 180-2, appendix B.1: the digest of "abc". */
  private static final String ABC =
      "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

  @Test
  void hexIsTheLowerCaseDigestOfTheUtf8Bytes() {
    assertThat(Sha256.hex("abc")).isEqualTo(ABC);
  }

  @Test
  void ofIsTheRawDigest() {
    assertThat(Sha256.of("abc".getBytes(StandardCharsets.UTF_8)))
        .isEqualTo(HexFormat.of().parseHex(ABC));
  }

  @Test
  void emptyInputHasTheKnownDigest() {
    assertThat(Sha256.hex(""))
        .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  }
}
