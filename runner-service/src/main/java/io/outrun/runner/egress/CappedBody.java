package io.outrun.runner.egress;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.outrun.runner.egress.GuardedHttpClient.Response;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import reactor.core.publisher.Mono;
import reactor.netty.ByteBufFlux;
import reactor.netty.http.client.HttpClientResponse;

/**
 * Reads a peer's response up to a size: a declared {@code Content-Length} over it fails at once,
 * and the streamed body is counted as it arrives, so an undeclared or lying length fails too.
 */
final class CappedBody {

  private CappedBody() {}

  /** The response with its body read, failing once the body is larger than {@code max} bytes. */
  static Mono<Response> read(HttpClientResponse head, ByteBufFlux content, long max, URI uri) {
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
}
