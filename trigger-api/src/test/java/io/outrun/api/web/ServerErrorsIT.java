package io.outrun.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.outrun.api.ApiTestSupport;
import io.outrun.api.RawHttp;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every error answer is a problem, also those the web server gives before the application sees the
 * request: sent over a raw socket, as only a hostile or broken client would send them.
 */
class ServerErrorsIT extends ApiTestSupport {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  @LocalServerPort int serverPort;

  @Test
  void overlongRequestLineIs414Problem() {
    assertProblem(send("GET /api/workflows/" + "a".repeat(10_000) + " HTTP/1.1", ""), 414);
  }

  @Test
  void oversizedHeadersAre431Problem() {
    assertProblem(send("GET /api/workflows HTTP/1.1", "X-Big: " + "b".repeat(20_000)), 431);
  }

  @Test
  void malformedRequestLineIs400Problem() {
    assertProblem(send("GARBAGE", ""), 400);
  }

  @Test
  void malformedHeaderIs400Problem() {
    assertProblem(send("GET /api/workflows HTTP/1.1", "Content-Length: abc"), 400);
  }

  @Test
  void badPercentEncodingIs400Problem() {
    assertProblem(send("GET /api/workflows/%zz HTTP/1.1", auth()), 400);
  }

  @Test
  void unknownPathIs404Problem() {
    assertProblem(send("GET /api/nothing-here HTTP/1.1", auth()), 404);
  }

  @Test
  void wrongMethodIs405Problem() {
    assertProblem(send("PATCH /api/workflows HTTP/1.1", auth()), 405);
  }

  @Test
  void unacceptableResponseTypeIs406Problem() {
    assertProblem(send("GET /api/workflows HTTP/1.1", auth() + "\r\nAccept: text/html"), 406);
  }

  @Test
  void unparseableAcceptIs406Problem() {
    assertProblem(send("GET /api/workflows HTTP/1.1", auth() + "\r\nAccept: %%%"), 406);
  }

  @Test
  void unparseableAcceptOnAStreamedListIs406Problem() {
    assertProblem(send("GET /api/triggers HTTP/1.1", auth() + "\r\nAccept: %%%"), 406);
  }

  @Test
  void formEncodedBodyIs415ProblemWithADetail() {
    RawHttp.Response response =
        send(
            "POST /api/workflows HTTP/1.1",
            auth() + "\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 3",
            "a=b");
    assertProblem(response, 415);
  }

  @Test
  void unsupportedBodyTypeIs415Problem() {
    RawHttp.Response response =
        send(
            "POST /api/workflows HTTP/1.1",
            auth() + "\r\nContent-Type: text/plain\r\nContent-Length: 2",
            "hi");
    assertProblem(response, 415);
  }

  @Test
  void errorAnswerToHeadHasNoBody() {
    RawHttp.Response response = send("HEAD /api/workflows/%zz HTTP/1.1", auth());

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.body()).isEmpty();
  }

  private String auth() {
    return "Authorization: Bearer " + token("u1", "ws-raw");
  }

  private RawHttp.Response send(String requestLine, String headers) {
    return send(requestLine, headers, "");
  }

  private RawHttp.Response send(String requestLine, String headers, String body) {
    String request =
        requestLine
            + "\r\nHost: localhost\r\nConnection: close\r\n"
            + (headers.isEmpty() ? "" : headers + "\r\n")
            + "\r\n"
            + body;
    return RawHttp.send(serverPort, request);
  }

  private static void assertProblem(RawHttp.Response response, int status) {
    assertThat(response.status()).isEqualTo(status);
    assertThat(response.header("Content-Type")).startsWith("application/problem+json");
    Map<?, ?> problem = JSON.readValue(response.body(), Map.class);
    assertThat(problem.get("status")).isEqualTo(status);
    assertThat(problem.get("title")).asString().isNotBlank();
    assertThat(problem.get("detail")).asString().isNotBlank();
  }
}
