package io.outrun.runner.egress;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * An HTTP peer on a loopback address for the egress tests. Paths: {@code /json}, {@code
 * /status/<code>}, {@code /429} (Retry-After: 7), {@code /slow} (answers after 2 s), {@code /big}
 * (11 MB, chunked), {@code /redirect?to=<url>}, {@code /loop}. Every request is recorded.
 */
public final class FakePeer implements AutoCloseable {

  /** One request the peer received. */
  public record Received(
      String method, String path, Map<String, List<String>> headers, byte[] body) {

    public String header(String name) {
      return headers.entrySet().stream()
          .filter(entry -> entry.getKey().equalsIgnoreCase(name))
          .map(entry -> entry.getValue().getFirst())
          .findFirst()
          .orElse(null);
    }

    public String bodyText() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final List<Received> received = new CopyOnWriteArrayList<>();

  public FakePeer(String loopbackAddress) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getByName(loopbackAddress), 0), 0);
    server.createContext("/", this::handle);
    server.setExecutor(executor);
    server.start();
  }

  public FakePeer() throws IOException {
    this("127.0.0.1");
  }

  public int port() {
    return server.getAddress().getPort();
  }

  public String url(String path) {
    return "http://" + server.getAddress().getAddress().getHostAddress() + ":" + port() + path;
  }

  public List<Received> received() {
    return received;
  }

  private void handle(HttpExchange exchange) throws IOException {
    byte[] body = exchange.getRequestBody().readAllBytes();
    String path = exchange.getRequestURI().getPath();
    received.add(
        new Received(
            exchange.getRequestMethod(), path, Map.copyOf(exchange.getRequestHeaders()), body));
    try (exchange) {
      if (path.equals("/json")) {
        respond(exchange, 200, "application/json", "{\"ok\":true,\"n\":[1,2]}");
      } else if (path.startsWith("/status/")) {
        respond(exchange, Integer.parseInt(path.substring(8)), "text/plain", "status body");
      } else if (path.equals("/429")) {
        exchange.getResponseHeaders().add("Retry-After", "7");
        respond(exchange, 429, "text/plain", "slow down");
      } else if (path.equals("/slow")) {
        Thread.sleep(2000);
        respond(exchange, 200, "text/plain", "late");
      } else if (path.equals("/big")) {
        exchange.getResponseHeaders().add("Content-Type", "application/octet-stream");
        exchange.sendResponseHeaders(200, 0);
        byte[] chunk = new byte[64 * 1024];
        try (OutputStream out = exchange.getResponseBody()) {
          for (int i = 0; i < 11 * 16; i++) {
            out.write(chunk);
          }
        } catch (IOException closedByClient) {
          // expected: the client stops reading at the cap
        }
      } else if (path.equals("/redirect")) {
        String to = exchange.getRequestURI().getRawQuery().substring(3);
        exchange
            .getResponseHeaders()
            .add("Location", URLDecoder.decode(to, StandardCharsets.UTF_8));
        respond(exchange, 302, "text/plain", "");
      } else if (path.equals("/loop")) {
        exchange.getResponseHeaders().add("Location", "/loop");
        respond(exchange, 302, "text/plain", "");
      } else {
        respond(exchange, 200, "text/plain; charset=utf-8", "hello " + exchange.getRequestMethod());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void respond(HttpExchange exchange, int status, String type, String text)
      throws IOException {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", type);
    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      exchange.getResponseBody().write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
