package io.outrun.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ProblemBodiesTest {

  private final EmbeddedChannel channel = new EmbeddedChannel(new ProblemBodies());

  @Test
  void emptyErrorGetsAProblemBody() {
    request(HttpMethod.GET);
    FullHttpResponse answered = writeFull(HttpResponseStatus.REQUEST_URI_TOO_LONG, null, "");

    assertThat(answered.headers().get(HttpHeaderNames.CONTENT_TYPE))
        .isEqualTo("application/problem+json");
    String body = answered.content().toString(StandardCharsets.UTF_8);
    assertThat(body)
        .startsWith("{\"type\":\"about:blank\",\"title\":\"Request-URI Too Long\",\"status\":414,")
        .contains("\"detail\":\"The request line");
    assertThat(answered.headers().getInt(HttpHeaderNames.CONTENT_LENGTH)).isEqualTo(body.length());
  }

  @Test
  void errorWithABodyIsLeftAlone() {
    request(HttpMethod.GET);
    FullHttpResponse answered =
        writeFull(HttpResponseStatus.NOT_FOUND, "application/problem+json", "{\"status\":404}");

    assertThat(answered.content().toString(StandardCharsets.UTF_8)).isEqualTo("{\"status\":404}");
  }

  @Test
  void emptyErrorOfAnotherTypeIsLeftAlone() {
    request(HttpMethod.GET);
    FullHttpResponse answered = writeFull(HttpResponseStatus.NOT_FOUND, "text/plain", "");

    assertThat(answered.content().readableBytes()).isZero();
  }

  @Test
  void successIsLeftAlone() {
    request(HttpMethod.DELETE);
    FullHttpResponse answered = writeFull(HttpResponseStatus.NO_CONTENT, null, "");

    assertThat(answered.content().readableBytes()).isZero();
  }

  @Test
  void answerToHeadGetsNoBody() {
    request(HttpMethod.HEAD);
    FullHttpResponse answered = writeFull(HttpResponseStatus.BAD_REQUEST, null, "");

    assertThat(answered.content().readableBytes()).isZero();
  }

  @Test
  void streamedEmptyErrorGetsItsBodyInTheLastContent() {
    request(HttpMethod.GET);
    HttpResponse head =
        new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.NOT_ACCEPTABLE);
    head.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/problem+json");
    head.headers().set(HttpHeaderNames.CONTENT_LENGTH, 0);
    channel.writeOutbound(head, LastHttpContent.EMPTY_LAST_CONTENT);

    HttpResponse sentHead = channel.readOutbound();
    HttpContent sentBody = channel.readOutbound();
    String body = sentBody.content().toString(StandardCharsets.UTF_8);
    assertThat(body).contains("\"status\":406");
    assertThat(sentHead.headers().getInt(HttpHeaderNames.CONTENT_LENGTH)).isEqualTo(body.length());
    assertThat(sentBody).isInstanceOf(LastHttpContent.class);
  }

  @Test
  void pipelinedRequestsAreAnsweredInOrder() {
    request(HttpMethod.HEAD);
    request(HttpMethod.GET);

    assertThat(writeFull(HttpResponseStatus.NOT_FOUND, null, "").content().readableBytes())
        .isZero();
    assertThat(writeFull(HttpResponseStatus.NOT_FOUND, null, "").content().readableBytes())
        .isPositive();
  }

  private void request(HttpMethod method) {
    channel.writeInbound(new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, method, "/x"));
    channel.readInbound();
  }

  private FullHttpResponse writeFull(HttpResponseStatus status, String type, String body) {
    FullHttpResponse response =
        new DefaultFullHttpResponse(
            HttpVersion.HTTP_1_1, status, Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
    if (type != null) {
      response.headers().set(HttpHeaderNames.CONTENT_TYPE, type);
    }
    response.headers().set(HttpHeaderNames.CONTENT_LENGTH, body.length());
    channel.writeOutbound(response);
    return channel.readOutbound();
  }
}
