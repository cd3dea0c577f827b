package io.outrun.service.secret;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SecretReferencesTest {

  @Test
  void findsReferencesInNestedStrings() {
    var found =
        SecretReferences.scan(
            Map.of(
                "headers",
                Map.of("Authorization", "Bearer {{ $secrets.API_TOKEN }}"),
                "body",
                List.of("{{$secrets.other_1}} and {{ $trigger.x }}")));

    assertThat(found.names()).containsExactlyInAnyOrder("API_TOKEN", "other_1");
    assertThat(found.malformed()).isEmpty();
  }

  @Test
  void expressionsOverSecretsAreMalformed() {
    var found =
        SecretReferences.scan(
            Map.of("url", "{{ $secrets['A'] }}/{{ $uppercase($secrets.B) }}/{{ $secrets.C }}"));

    assertThat(found.names()).containsExactly("C");
    assertThat(found.malformed()).containsExactly("$secrets['A']", "$uppercase($secrets.B)");
  }

  @Test
  void namesAreLettersDigitsAndUnderscores() {
    assertThat(SecretReferences.validName("API_TOKEN_2")).isTrue();
    assertThat(SecretReferences.validName("_x")).isTrue();
    assertThat(SecretReferences.validName("2fa")).isFalse();
    assertThat(SecretReferences.validName("a-b")).isFalse();
    assertThat(SecretReferences.validName("a.b")).isFalse();
    assertThat(SecretReferences.validName("$x")).isFalse();
    assertThat(SecretReferences.validName("a\u0000")).isFalse();
    assertThat(SecretReferences.validName("")).isFalse();
    assertThat(SecretReferences.validName("a".repeat(129))).isFalse();
  }
}
