package io.outrun.runner.egress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.InetAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GuardedHttpClientIT {

  private static FakePeer peer;
  private static FakePeer redirector;
  private static GuardedHttpClient strict;
  private static GuardedHttpClient laptop;
  private static GuardedHttpClient onlyRedirector;

  @BeforeAll
  static void start() throws Exception {
    peer = new FakePeer("127.0.0.1");
    redirector = new FakePeer("127.0.0.2");
    strict = new GuardedHttpClient(EgressProperties.defaults(false));
    laptop = new GuardedHttpClient(EgressProperties.defaults(true));
    // stands in for a public host: 127.0.0.2 is let through, everything else as by default
    AddressPolicy policy = new AddressPolicy(false);
    InetAddress publicLooking = InetAddress.getByName("127.0.0.2");
    onlyRedirector =
        new GuardedHttpClient(
            EgressProperties.defaults(false),
            address -> address.equals(publicLooking) ? Optional.empty() : policy.refusal(address));
  }

  @AfterAll
  static void stop() {
    strict.close();
    laptop.close();
    onlyRedirector.close();
    peer.close();
    redirector.close();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://127.0.0.1:PORT/json",
        "http://127.1:PORT/json",
        "http://2130706433:PORT/json",
        "http://0x7f000001:PORT/json",
        "http://0177.0.0.1:PORT/json",
        "http://0x7f.1:PORT/json",
        "http://0xa9fea9fe/latest/meta-data/",
        "http://256.0.0.1:PORT/json",
        "http://[::ffff:127.0.0.1]:PORT/json",
        "http://[::1]:PORT/json",
        "http://0.0.0.0:PORT/json",
        "http://localhost:PORT/json",
        "http://LOCALHOST.:PORT/json",
        "http://169.254.169.254/latest/meta-data/",
        "http://[::ffff:a9fe:a9fe]/latest/meta-data/",
        "http://10.0.0.1:PORT/json",
        "ftp://example.org/file",
        "file:///etc/passwd",
        "gopher://127.0.0.1:PORT/",
        "http://user:pw@example.org/",
      })
  void refusedByDefault(String url) {
    int before = peer.received().size();

    EgressException error = failure(strict, get(url.replace("PORT", "" + peer.port())));

    assertThat(error.kind()).isEqualTo(EgressException.Kind.REFUSED);
    assertThat(error.retryable()).isFalse();
    assertThat(peer.received()).hasSize(before);
  }

  @Test
  void metadataStaysRefusedWithAllowPrivate() {
    EgressException error = failure(laptop, get("http://169.254.169.254/latest/meta-data/"));

    assertThat(error.kind()).isEqualTo(EgressException.Kind.REFUSED);
    assertThat(error.getMessage()).contains("169.254.169.254");
  }

  @Test
  void allowPrivateReachesLoopbackAndKeepsTheHostHeader() {
    GuardedHttpClient.Response response =
        laptop.exchange(get("http://localhost:" + peer.port() + "/json")).block();

    assertThat(response.status()).isEqualTo(200);
    assertThat(new String(response.body(), StandardCharsets.UTF_8)).contains("\"ok\":true");
    assertThat(peer.received().getLast().header("Host")).isEqualTo("localhost:" + peer.port());
  }

  @Test
  void redirectsAreNotFollowedUnlessAsked() {
    GuardedHttpClient.Response response =
        laptop.exchange(get(peer.url("/redirect?to=" + encode("/json")))).block();

    assertThat(response.status()).isEqualTo(302);
    assertThat(response.header("location")).hasValue("/json");
  }

  @Test
  void followedRedirectArrives() {
    GuardedHttpClient.Response response =
        laptop.exchange(follow(peer.url("/redirect?to=" + encode("/json")))).block();

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.url()).endsWith("/json");
  }

  @Test
  void redirectFromAnAllowedHostToLoopbackIsRefused() {
    int before = peer.received().size();

    EgressException error =
        failure(
            onlyRedirector, follow(redirector.url("/redirect?to=" + encode(peer.url("/json")))));

    assertThat(error.kind()).isEqualTo(EgressException.Kind.REFUSED);
    assertThat(error.getMessage()).contains("127.0.0.1");
    assertThat(redirector.received()).anyMatch(r -> r.path().equals("/redirect"));
    assertThat(peer.received()).hasSize(before);
  }

  @Test
  void redirectToMetadataIsRefusedEvenWithAllowPrivate() {
    EgressException error =
        failure(
            laptop,
            follow(peer.url("/redirect?to=" + encode("http://169.254.169.254/latest/meta-data/"))));

    assertThat(error.kind()).isEqualTo(EgressException.Kind.REFUSED);
  }

  @Test
  void redirectToAnotherSchemeIsRefused() {
    EgressException error =
        failure(laptop, follow(peer.url("/redirect?to=" + encode("file:///etc/passwd"))));

    assertThat(error.kind()).isEqualTo(EgressException.Kind.REFUSED);
  }

  @Test
  void redirectLoopStopsAfterMaxRedirects() {
    int before = peer.received().size();

    EgressException error = failure(laptop, follow(peer.url("/loop")));

    assertThat(error.kind()).isEqualTo(EgressException.Kind.TOO_MANY_REDIRECTS);
    assertThat(peer.received().size() - before).isEqualTo(6);
  }

  @Test
  void bodyOverTheCapFails() {
    EgressException error = failure(laptop, get(peer.url("/big")));

    assertThat(error.kind()).isEqualTo(EgressException.Kind.TOO_LARGE);
    assertThat(error.retryable()).isFalse();
  }

  @Test
  void slowPeerTimesOut() {
    EgressException error =
        failure(
            laptop,
            new GuardedHttpClient.Request(
                "GET", peer.url("/slow"), Map.of(), null, Duration.ofMillis(300), false));

    assertThat(error.kind()).isEqualTo(EgressException.Kind.TIMEOUT);
    assertThat(error.retryable()).isTrue();
  }

  @Test
  void closedPortIsARetryableNetworkError() throws Exception {
    int port;
    try (var socket = new java.net.ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      port = socket.getLocalPort();
    }

    EgressException error = failure(laptop, get("http://127.0.0.1:" + port + "/"));

    assertThat(error.kind()).isEqualTo(EgressException.Kind.NETWORK);
    assertThat(error.retryable()).isTrue();
  }

  private static GuardedHttpClient.Request get(String url) {
    return new GuardedHttpClient.Request("GET", url, Map.of(), null, Duration.ofSeconds(5), false);
  }

  private static GuardedHttpClient.Request follow(String url) {
    return new GuardedHttpClient.Request("GET", url, Map.of(), null, Duration.ofSeconds(5), true);
  }

  private static String encode(String url) {
    return URLEncoder.encode(url, StandardCharsets.UTF_8);
  }

  private static EgressException failure(
      GuardedHttpClient client, GuardedHttpClient.Request request) {
    return catchThrowableOfType(
        EgressException.class, () -> client.exchange(request).block(Duration.ofSeconds(10)));
  }
}
