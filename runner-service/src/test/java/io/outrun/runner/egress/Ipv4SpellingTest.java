package io.outrun.runner.egress;

import static org.assertj.core.api.Assertions.assertThat;

import io.outrun.runner.egress.Ipv4Spelling.Reading;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class Ipv4SpellingTest {

  @ParameterizedTest
  @CsvSource({
    "127.0.0.1, 127.0.0.1",
    "0x7f000001, 127.0.0.1",
    "0X7F000001, 127.0.0.1",
    "2130706433, 127.0.0.1",
    "017700000001, 127.0.0.1",
    "0177.0.0.1, 127.0.0.1",
    "0x7f.1, 127.0.0.1",
    "127.1, 127.0.0.1",
    "10.0x10.1, 10.16.0.1",
    "0, 0.0.0.0",
    "0x, 0.0.0.0",
    "169.254.43518, 169.254.169.254",
    "0xa9.0xfe.0xa9.0xfe, 169.254.169.254",
    "8.8.8.8, 8.8.8.8"
  })
  void numericSpellingsMeanWhatInetAtonMakesOfThem(String host, String address) {
    assertThat(Ipv4Spelling.read(host))
        .isInstanceOfSatisfying(
            Reading.Address.class,
            read -> assertThat(read.address().getHostAddress()).isEqualTo(address));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "256.0.0.1",
        "1.2.3.4.5",
        "0x100000000",
        "08.0.0.1",
        "1.2.65536",
        "4294967296",
        "99999999999999999999"
      })
  void numericSpellingsOfNoAddressAreInvalid(String host) {
    assertThat(Ipv4Spelling.read(host)).isInstanceOf(Reading.Invalid.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"example.org", "localhost", "0x7f.example", "::1", "1e3", "a.1"})
  void namesAreLeftToTheLookup(String host) {
    assertThat(Ipv4Spelling.read(host)).isInstanceOf(Reading.Name.class);
  }
}
