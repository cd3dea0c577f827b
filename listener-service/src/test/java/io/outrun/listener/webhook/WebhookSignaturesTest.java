package io.outrun.listener.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.outrun.service.secret.Sha256;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class WebhookSignaturesTest {

  private static final byte[] KEY =
      "a-webhook-secret-of-some-length".getBytes(StandardCharsets.UTF_8);
  private static final byte[] BODY = "{\"lead\":\"Ada\"}".getBytes(StandardCharsets.UTF_8);
  private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
  private static final long T = NOW.getEpochSecond();

  @Test
  void githubPublishedExampleVerifies() {
    byte[] secret = "It's a Secret to Everybody".getBytes(StandardCharsets.UTF_8);
    byte[] body = "Hello, World!".getBytes(StandardCharsets.UTF_8);

    assertThat(
            WebhookSignatures.hexSignature(
                secret,
                body,
                "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17"))
        .isTrue();
  }

  @Test
  void hexSignatureOverTheRawBodyVerifies() {
    assertThat(WebhookSignatures.hexSignature(KEY, BODY, "sha256=" + hex(BODY))).isTrue();
  }

  @Test
  void hexSignatureOfATamperedBodyFails() {
    byte[] tampered = "{\"lead\":\"Eve\"}".getBytes(StandardCharsets.UTF_8);

    assertThat(WebhookSignatures.hexSignature(KEY, tampered, "sha256=" + hex(BODY))).isFalse();
  }

  @Test
  void missingOrMalformedHexSignatureFails() {
    assertThat(WebhookSignatures.hexSignature(KEY, BODY, null)).isFalse();
    assertThat(WebhookSignatures.hexSignature(KEY, BODY, "")).isFalse();
    assertThat(WebhookSignatures.hexSignature(KEY, BODY, hex(BODY))).isFalse();
    assertThat(WebhookSignatures.hexSignature(KEY, BODY, "sha256=not-hex")).isFalse();
    assertThat(WebhookSignatures.hexSignature(KEY, BODY, "sha256=" + hex(BODY).substring(2)))
        .isFalse();
  }

  @Test
  void hexSignatureWithAnotherKeyFails() {
    byte[] other = "another-webhook-secret-entirely".getBytes(StandardCharsets.UTF_8);

    assertThat(WebhookSignatures.hexSignature(other, BODY, "sha256=" + hex(BODY))).isFalse();
  }

  @Test
  void stripeSignatureWithinToleranceVerifies() {
    assertThat(WebhookSignatures.stripe(KEY, BODY, stripe(T - 300), NOW)).isTrue();
    assertThat(WebhookSignatures.stripe(KEY, BODY, stripe(T + 300), NOW)).isTrue();
  }

  @Test
  void stripeAnyOfSeveralV1SignaturesSuffices() {
    String header =
        "t=" + T + ",v1=" + "00".repeat(32) + ",v0=abc,v1=" + hex(signed(T + ".", BODY));

    assertThat(WebhookSignatures.stripe(KEY, BODY, header, NOW)).isTrue();
  }

  @Test
  void stripeExpiredOrFutureSignatureFails() {
    assertThat(WebhookSignatures.stripe(KEY, BODY, stripe(T - 301), NOW)).isFalse();
    assertThat(WebhookSignatures.stripe(KEY, BODY, stripe(T + 301), NOW)).isFalse();
  }

  @Test
  void stripeTamperedBodyOrTimestampFails() {
    byte[] tampered = "{\"lead\":\"Eve\"}".getBytes(StandardCharsets.UTF_8);
    String movedTimestamp = "t=" + (T - 10) + ",v1=" + hex(signed(T + ".", BODY));

    assertThat(WebhookSignatures.stripe(KEY, tampered, stripe(T), NOW)).isFalse();
    assertThat(WebhookSignatures.stripe(KEY, BODY, movedTimestamp, NOW)).isFalse();
  }

  @Test
  void stripeMissingOrMalformedHeaderFails() {
    assertThat(WebhookSignatures.stripe(KEY, BODY, null, NOW)).isFalse();
    assertThat(WebhookSignatures.stripe(KEY, BODY, "v1=" + hex(BODY), NOW)).isFalse();
    assertThat(WebhookSignatures.stripe(KEY, BODY, "t=" + T, NOW)).isFalse();
    assertThat(WebhookSignatures.stripe(KEY, BODY, "t=soon,v1=00", NOW)).isFalse();
    assertThat(WebhookSignatures.stripe(KEY, BODY, "t=" + T + ",t=" + T + ",v1=00", NOW)).isFalse();
  }

  @Test
  void standardSignatureWithinToleranceVerifies() {
    assertThat(standard(T - 300, standardSignature("msg_1", T - 300))).isTrue();
    assertThat(standard(T + 300, standardSignature("msg_1", T + 300))).isTrue();
  }

  @Test
  void standardAnyOfSeveralSignaturesSuffices() {
    String header = "v1,AAAA v1a,xyz " + standardSignature("msg_1", T);

    assertThat(standard(T, header)).isTrue();
  }

  @Test
  void standardExpiredOrFutureSignatureFails() {
    assertThat(standard(T - 301, standardSignature("msg_1", T - 301))).isFalse();
    assertThat(standard(T + 301, standardSignature("msg_1", T + 301))).isFalse();
  }

  @Test
  void standardTamperedIdBodyOrSignatureFails() {
    String signature = standardSignature("msg_1", T);
    byte[] tampered = "{\"lead\":\"Eve\"}".getBytes(StandardCharsets.UTF_8);

    assertThat(WebhookSignatures.standard(KEY, BODY, "msg_2", String.valueOf(T), signature, NOW))
        .isFalse();
    assertThat(
            WebhookSignatures.standard(KEY, tampered, "msg_1", String.valueOf(T), signature, NOW))
        .isFalse();
    assertThat(standard(T, "v1," + Base64.getEncoder().encodeToString(new byte[32]))).isFalse();
  }

  @Test
  void standardMissingHeadersFail() {
    String signature = standardSignature("msg_1", T);

    assertThat(WebhookSignatures.standard(KEY, BODY, null, String.valueOf(T), signature, NOW))
        .isFalse();
    assertThat(WebhookSignatures.standard(KEY, BODY, "msg_1", null, signature, NOW)).isFalse();
    assertThat(WebhookSignatures.standard(KEY, BODY, "msg_1", String.valueOf(T), null, NOW))
        .isFalse();
    assertThat(standard(T, "v1,not base64!")).isFalse();
  }

  @Test
  void tokenMatchesOnlyItsHash() {
    byte[] hash = Sha256.of("the-token".getBytes(StandardCharsets.UTF_8));

    assertThat(WebhookSignatures.token(hash, "the-token")).isTrue();
    assertThat(WebhookSignatures.token(hash, "the-token ")).isFalse();
    assertThat(WebhookSignatures.token(hash, "other")).isFalse();
    assertThat(WebhookSignatures.token(hash, "")).isFalse();
    assertThat(WebhookSignatures.token(hash, null)).isFalse();
  }

  private static boolean standard(long timestamp, String header) {
    return WebhookSignatures.standard(KEY, BODY, "msg_1", String.valueOf(timestamp), header, NOW);
  }

  private static String standardSignature(String id, long timestamp) {
    return "v1,"
        + Base64.getEncoder()
            .encodeToString(WebhookSignatures.hmac(KEY, signed(id + "." + timestamp + ".", BODY)));
  }

  private static String stripe(long timestamp) {
    return "t=" + timestamp + ",v1=" + hex(signed(timestamp + ".", BODY));
  }

  private static byte[] signed(String prefix, byte[] body) {
    byte[] prefixBytes = prefix.getBytes(StandardCharsets.UTF_8);
    byte[] all = new byte[prefixBytes.length + body.length];
    System.arraycopy(prefixBytes, 0, all, 0, prefixBytes.length);
    System.arraycopy(body, 0, all, prefixBytes.length, body.length);
    return all;
  }

  private static String hex(byte[] data) {
    return HexFormat.of().formatHex(WebhookSignatures.hmac(KEY, data));
  }
}
