package io.outrun.runner.egress;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelOption;
import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.timeout.TimeoutException;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import reactor.core.publisher.Mono;
import reactor.netty.ByteBufFlux;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.HttpClientResponse;
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

  private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);

  /** Headers the client sets itself; a node cannot override them. */
  private static final Set<String> RESERVED_HEADERS =
      Set.of("host", "content-length", "transfer-encoding", "connection");

  /** Headers dropped when a redirect leaves the original origin. */
  private static final Set<String> CREDENTIAL_HEADERS =
      Set.of("authorization", "cookie", "proxy-authorization");

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
        .onErrorMap(error -> !(error instanceof EgressException), GuardedHttpClient::classify);
  }

  private Mono<Response> hop(Request request, int hops, Duration timeout) {
    URI uri;
    try {
      uri = checkedUri(request.url());
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
            .response((head, content) -> read(head, content, max, uri))
            .next();
    return response.flatMap(
        answer -> {
          if (!request.followRedirects() || !REDIRECTS.contains(answer.status())) {
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
          return hop(redirected(request, answer.status(), uri, next), hops + 1, timeout);
        });
  }

  private static Request redirected(Request request, int status, URI from, URI to) {
    boolean keepMethod = status == 307 || status == 308;
    boolean toGet =
        !keepMethod && !request.method().equals("GET") && !request.method().equals("HEAD");
    Map<String, String> headers = new LinkedHashMap<>();
    boolean sameOrigin =
        Objects.equals(from.getScheme(), to.getScheme())
            && Objects.equals(from.getHost(), to.getHost())
            && from.getPort() == to.getPort();
    request
        .headers()
        .forEach(
            (name, value) -> {
              String lower = name.toLowerCase(Locale.ROOT);
              if (!sameOrigin && CREDENTIAL_HEADERS.contains(lower)) {
                return;
              }
              if (toGet && lower.equals("content-type")) {
                return;
              }
              headers.put(name, value);
            });
    return new Request(
        toGet ? "GET" : request.method(),
        to.toString(),
        headers,
        toGet ? null : request.body(),
        request.timeout(),
        true);
  }

  private static Mono<Response> read(
      HttpClientResponse head, ByteBufFlux content, long max, URI uri) {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    head.responseHeaders()
        .forEach(
            entry ->
                headers
                    .computeIfAbsent(
                        entry.getKey().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                    .add(entry.getValue()));
    String declared = head.responseHeaders().get(HttpHeaderNames.CONTENT_LENGTH);
    if (declared != null) {
      try {
        if (Long.parseLong(declared.trim()) > max) {
          return Mono.error(tooLarge(max));
        }
      } catch (NumberFormatException ignored) {
        // the streamed count below still applies
      }
    }
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    return content
        .asByteArray()
        .<byte[]>handle(
            (chunk, sink) -> {
              if (buffer.size() + (long) chunk.length > max) {
                sink.error(tooLarge(max));
              } else {
                buffer.writeBytes(chunk);
              }
            })
        .then(
            Mono.fromSupplier(
                () ->
                    new Response(
                        head.status().code(), headers, buffer.toByteArray(), uri.toString())));
  }

  private static EgressException tooLarge(long max) {
    return new EgressException(
        EgressException.Kind.TOO_LARGE, "response body larger than " + max + " bytes");
  }

  static URI checkedUri(String url) {
    if (url == null || url.isBlank()) {
      throw new EgressException(EgressException.Kind.REFUSED, "no url");
    }
    URI uri;
    try {
      uri = new URI(url.trim());
    } catch (URISyntaxException e) {
      throw new EgressException(EgressException.Kind.REFUSED, "invalid url " + url);
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new EgressException(
          EgressException.Kind.REFUSED, "only http and https urls are allowed, not " + url);
    }
    if (uri.getHost() == null || uri.getHost().isBlank()) {
      throw new EgressException(EgressException.Kind.REFUSED, "url without a host: " + url);
    }
    if (uri.getRawUserInfo() != null) {
      throw new EgressException(
          EgressException.Kind.REFUSED, "credentials in the url are not allowed");
    }
    return uri;
  }

  /** Maps what Reactor Netty signals to an {@link EgressException}. */
  static EgressException classify(Throwable error) {
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      if (cause instanceof EgressException egress) {
        return egress;
      }
    }
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      if (cause instanceof TimeoutException
          || cause instanceof ConnectTimeoutException
          || cause instanceof java.util.concurrent.TimeoutException) {
        return new EgressException(EgressException.Kind.TIMEOUT, "timed out", error);
      }
    }
    String message =
        error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage();
    // connection refused or reset, premature close, TLS failures: another attempt may work
    return new EgressException(EgressException.Kind.NETWORK, message, error);
  }

  @Override
  public void close() {
    connections.dispose();
  }
}
