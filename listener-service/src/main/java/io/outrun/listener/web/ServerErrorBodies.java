package io.outrun.listener.web;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.Map;
import org.springframework.http.HttpStatusCode;

/**
 * Gives the web server's own refusals a problem-details body. Reactor Netty answers a request it
 * cannot decode (a request line over 4096 bytes: 414; headers over 8 KB: 431; anything else
 * malformed: 400) itself, before any Spring code runs, with an empty body. Such an answer is
 * recognised on its way out (a complete response, 4xx, no body, no content type) and its body
 * replaced, so every error the listener sends is {@code application/problem+json}.
 */
@ChannelHandler.Sharable
final class ServerErrorBodies extends ChannelOutboundHandlerAdapter {

  static final ServerErrorBodies INSTANCE = new ServerErrorBodies();

  private static final Map<Integer, String> DETAILS =
      Map.of(
          414, "The request line is longer than this server accepts.",
          431, "The request headers are larger than this server accepts.",
          413, "The request is larger than this server accepts.",
          400, "The request is not well-formed HTTP.");

  private ServerErrorBodies() {}

  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
    if (msg instanceof FullHttpResponse response && isBareRefusal(response)) {
      byte[] body = problem(response.status());
      FullHttpResponse withBody = response.replace(Unpooled.wrappedBuffer(body));
      response.release();
      withBody
          .headers()
          .set(HttpHeaderNames.CONTENT_TYPE, "application/problem+json")
          .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
      ctx.write(withBody, promise);
      return;
    }
    ctx.write(msg, promise);
  }

  private static boolean isBareRefusal(FullHttpResponse response) {
    int status = response.status().code();
    return status >= 400
        && status < 500
        && response.content().readableBytes() == 0
        && !response.headers().contains(HttpHeaderNames.CONTENT_TYPE);
  }

  static byte[] problem(HttpResponseStatus status) {
    int code = status.code();
    return ProblemJson.of(
        HttpStatusCode.valueOf(code),
        status.reasonPhrase(),
        DETAILS.getOrDefault(code, "The request was refused."),
        null);
  }
}
