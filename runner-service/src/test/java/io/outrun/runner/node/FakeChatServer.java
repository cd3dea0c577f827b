package io.outrun.runner.node;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A fake OpenAI-compatible {@code /v1/chat/completions} on loopback that answers from a script, one
 * completion per request in order (a 500 when the script is spent), and keeps every request.
 */
public final class FakeChatServer implements AutoCloseable {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private static FakeChatServer shared;

  private final HttpServer server;
  private final ExecutorService executor =
      Executors.newSingleThreadExecutor(
          task -> {
            Thread thread = new Thread(task, "fake-chat");
            thread.setDaemon(true);
            return thread;
          });
  private final ConcurrentLinkedQueue<String> script = new ConcurrentLinkedQueue<>();
  private final List<JsonNode> requests = new CopyOnWriteArrayList<>();

  public FakeChatServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/v1/chat/completions", this::handle);
    server.setExecutor(executor);
    server.start();
  }

  /**
   * The one server of the runner's Spring test context (its {@code ai_agent} endpoint, see {@code
   * TestNodes}), started on first use and never stopped.
   */
  public static synchronized FakeChatServer shared() {
    if (shared == null) {
      try {
        shared = new FakeChatServer();
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
    return shared;
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** Replaces the script and forgets the requests. */
  public void script(String... completions) {
    script.clear();
    requests.clear();
    script.addAll(List.of(completions));
  }

  public List<JsonNode> requests() {
    return requests;
  }

  /** A completion that answers {@code content}, using {@code in} + {@code out} tokens. */
  public static String answer(String content, long in, long out) {
    return completion(Map.of("role", "assistant", "content", content), "stop", in, out);
  }

  /** A completion that calls tools: each {@code call} is {@code {id, name, arguments}}. */
  public static String callsTools(long in, long out, Map<?, ?>... calls) {
    List<Object> toolCalls = new ArrayList<>();
    for (Map<?, ?> call : calls) {
      toolCalls.add(
          Map.of(
              "id",
              call.get("id"),
              "type",
              "function",
              "function",
              Map.of("name", call.get("name"), "arguments", call.get("arguments"))));
    }
    Map<String, Object> message = new java.util.LinkedHashMap<>();
    message.put("role", "assistant");
    message.put("content", null);
    message.put("tool_calls", toolCalls);
    return completion(message, "tool_calls", in, out);
  }

  public static Map<String, String> call(String id, String name, String arguments) {
    return Map.of("id", id, "name", name, "arguments", arguments);
  }

  private static String completion(Object message, String finish, long in, long out) {
    return JSON.writeValueAsString(
        Map.of(
            "id", "chatcmpl-1",
            "object", "chat.completion",
            "model", "gpt-4o-mini",
            "choices", List.of(Map.of("index", 0, "message", message, "finish_reason", finish)),
            "usage",
                Map.of("prompt_tokens", in, "completion_tokens", out, "total_tokens", in + out)));
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      requests.add(JSON.readTree(exchange.getRequestBody().readAllBytes()));
      String next = script.poll();
      byte[] body =
          (next == null ? "{\"error\":{\"message\":\"script spent\"}}" : next)
              .getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(next == null ? 500 : 200, body.length);
      exchange.getResponseBody().write(body);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
