package io.outrun.runner.egress;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelOption;
import io.netty.handler.codec.http.HttpMethod;
import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * The one way workflow nodes make HTTP calls.
 *
 * <ul>
 *   <li>Only {@code http} and {@code https} URLs.
 *   <li>Every address a host resolves to is checked against the {@link AddressPolicy}, and the
 *       connection is made to the checked address ({@link GuardedResolverGroup}); the {@code Host}
 *       header and TLS SNI stay the URL's host.
 *   <li>Redirects are not followed unless the request asks; then at most {@code maxRedirects} hops,
 *       each going through the same checks (scheme and resolved addresses).
 *   <li>Connect and response timeouts, and an overall deadline, from the request's timeout.
 *   <li>The response body is read up to {@code maxResponseBytes}; more fails the call.
 * </ul>
 *
 * Errors are {@link EgressException}s that say whether a retry may help.
 */
public final class GuardedHttpClient implements AutoCloseable {

  /** Headers the client sets itself; a node cannot override them. */
  private static final Set<String> RESERVED_HEADERS =
      Set.of("host", "content-length", "transfer-encoding", "connection");

  /** One call. {@code timeout} null means the configured default. */
  public record Request(
      String method,
      String url,
      Map<String, String> headers,
      byte[] body,
      Duration timeout,
      boolean followRedirects) {

    public Request {
      method = method == null || method.isBlank() ? "GET" : method.toUpperCase(Locale.ROOT);
      headers = headers == null ? Map.of() : headers;
    }
  }

  /**
   * The final response.
   *
   * @param headers lower-case names, in the peer's order
   * @param url the URL that answered (after redirects)
   */
  public record Response(int status, Map<String, List<String>> headers, byte[] body, String url) {

    public Optional<String> header(String name) {
      List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
      return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.getFirst());
    }
  }

  private final EgressProperties properties;
  private final ConnectionProvider connections;
  private final HttpClient client;

  public GuardedHttpClient(EgressProperties properties) {
    this(properties, new AddressPolicy(properties.allowPrivate())::refusal);
  }

  /**
   * With a custom address check (tests use it to let one loopback address through and show that a
   * redirect elsewhere is refused).
   */
  GuardedHttpClient(EgressProperties properties, Function<InetAddress, Optional<String>> policy) {
    this.properties = properties;
    // own pool: a connection opened under one policy is never reused under another
    this.connections =
        ConnectionProvider.builder("outrun-egress")
            .maxConnections(200)
            .maxIdleTime(Duration.ofSeconds(20))
            .build();
    this.client =
        HttpClient.create(connections)
            .resolver(new GuardedResolverGroup(policy))
            .followRedirect(false);
  }

  public EgressProperties properties() {
    return properties;
  }

  public Mono<Response> exchange(Request request) {
    Duration timeout = request.timeout() == null ? properties.defaultTimeout() : request.timeout();
    return Mono.defer(() -> hop(request, 0, timeout))
        .timeout(
            timeout,
            Mono.error(
                () ->
                    new EgressException(
                        EgressException.Kind.TIMEOUT,
                        "no response within " + timeout.toMillis() + " ms")))
        .onErrorMap(error -> !(error instanceof EgressException), EgressErrors::classify);
  }

  private Mono<Response> hop(Request request, int hops, Duration timeout) {
    URI uri;
    try {
      uri = EgressUrls.checked(request.url());
    } catch (EgressException e) {
      return Mono.error(e);
    }
    HttpMethod method = HttpMethod.valueOf(request.method());
    long max = properties.maxResponseBytes().toBytes();
    HttpClient configured =
        client
            .option(
                ChannelOption.CONNECT_TIMEOUT_MILLIS,
                (int) Math.min(timeout.toMillis(), Integer.MAX_VALUE))
            .responseTimeout(timeout)
            .headers(
                headers ->
                    request
                        .headers()
                        .forEach(
                            (name, value) -> {
                              if (!RESERVED_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                                headers.set(name, value);
                              }
                            }));
    byte[] body = request.body();
    Mono<Response> response =
        configured
            .request(method)
            .uri(uri)
            .send(
                body == null ? Mono.empty() : Mono.fromSupplier(() -> Unpooled.wrappedBuffer(body)))
            .response((head, content) -> CappedBody.read(head, content, max, uri))
            .next();
    return response.flatMap(
        answer -> {
          if (!request.followRedirects() || !Redirects.isRedirect(answer.status())) {
            return Mono.just(answer);
          }
          Optional<String> location = answer.header("location");
          if (location.isEmpty()) {
            return Mono.just(answer);
          }
          if (hops >= properties.maxRedirects()) {
            return Mono.error(
                new EgressException(
                    EgressException.Kind.TOO_MANY_REDIRECTS,
                    "more than " + properties.maxRedirects() + " redirects"));
          }
          URI next;
          try {
            next = uri.resolve(location.get());
          } catch (IllegalArgumentException e) {
            return Mono.error(
                new EgressException(
                    EgressException.Kind.REFUSED, "bad redirect location " + location.get()));
          }
          return hop(Redirects.follow(request, answer.status(), uri, next), hops + 1, timeout);
        });
  }

  @Override
  public void close() {
    connections.dispose();
  }
}
