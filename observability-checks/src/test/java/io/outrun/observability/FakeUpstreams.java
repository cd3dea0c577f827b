package io.outrun.observability;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * What workflows call, on loopback: an OpenAI-compatible {@code /v1/chat/completions} that answers
 * with usage (so AI tokens and cost are counted), and {@code /unavailable}, always 503 (so an
 * http_request step is retried and fails).
 */
final class FakeUpstreams implements AutoCloseable {

  static final String MODEL = "gpt-4o-mini";

  private final HttpServer server;

  FakeUpstreams() {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext(
        "/v1/chat/completions",
        exchange ->
            answer(
                exchange,
                200,
                """
                {"id":"c1","object":"chat.completion","model":"%s",
                 "choices":[{"index":0,"message":{"role":"assistant","content":"hello"},
                             "finish_reason":"stop"}],
                 "usage":{"prompt_tokens":120,"completion_tokens":30,"total_tokens":150}}
                """
                    .formatted(MODEL)));
    server.createContext("/unavailable", exchange -> answer(exchange, 503, "{\"error\":\"down\"}"));
    server.start();
  }

  String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  private static void answer(HttpExchange exchange, int status, String body) throws IOException {
    exchange.getRequestBody().readAllBytes();
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
