package io.outrun.observability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The stack's HTTP APIs as a user's script calls them: JSON in and out, a dev token. */
final class StackApi {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final HttpClient http = HttpClient.newHttpClient();
  private final URI api;
  private final URI listener;
  private String token;

  StackApi(int apiPort, int listenerPort) {
    this.api = URI.create("http://127.0.0.1:" + apiPort);
    this.listener = URI.create("http://127.0.0.1:" + listenerPort);
  }

  void signIn(String workspaceId) {
    token =
        post(api, "/api/dev/tokens", Map.of("userId", "u1", "workspaceId", workspaceId), 200)
            .path("token")
            .asString();
  }

  JsonNode post(String path, Object body, int expectedStatus) {
    return post(api, path, body, expectedStatus);
  }

  /** A POST; answers the status and body whatever they are. */
  Response postAnswer(String path, Object body) {
    return send(jsonPost(api, path, body), -1);
  }

  JsonNode get(String path) {
    return send(HttpRequest.newBuilder(api.resolve(path)).GET(), 200).body();
  }

  /** A webhook call; answers the status and body whatever they are. */
  Response webhook(String triggerId, Object body, Map<String, String> headers) {
    HttpRequest.Builder request = jsonPost(listener, "/api/webhooks/" + triggerId, body);
    headers.forEach(request::header);
    return send(request, -1);
  }

  String text(URI base, String path) {
    try {
      return http.send(
              HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30)).build(),
              HttpResponse.BodyHandlers.ofString())
          .body();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  record Response(int status, JsonNode body) {}

  private JsonNode post(URI base, String path, Object body, int expectedStatus) {
    return send(jsonPost(base, path, body), expectedStatus).body();
  }

  private static HttpRequest.Builder jsonPost(URI base, String path, Object body) {
    return HttpRequest.newBuilder(base.resolve(path))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
  }

  private Response send(HttpRequest.Builder request, int expectedStatus) {
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    try {
      HttpResponse<String> response =
          http.send(
              request.timeout(Duration.ofSeconds(30)).build(),
              HttpResponse.BodyHandlers.ofString());
      if (expectedStatus > 0 && response.statusCode() != expectedStatus) {
        throw new AssertionError(
            request.build().uri() + " answered " + response.statusCode() + ": " + response.body());
      }
      String body = response.body();
      return new Response(
          response.statusCode(),
          body == null || body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
