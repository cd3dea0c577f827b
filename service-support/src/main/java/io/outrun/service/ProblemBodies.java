package io.outrun.service;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import reactor.netty.NettyPipeline;

/**
 * Gives the error responses that carry no body an RFC 9457 problem body ({@code
 * application/problem+json} with {@code type}, {@code title}, {@code status}, {@code detail}).
 * Those are the answers the HTTP server gives before any Spring code runs: Reactor Netty answers a
 * request it cannot decode with an empty 414 (request line over {@code
 * server.netty.max-initial-line-length}), 431 (headers over {@code
 * server.max-http-request-header-size}) or 400 (a malformed request line or header), and Spring's
 * Netty adapter an unparseable URI (bad percent-encoding) with an empty 400. None of that can be
 * hooked in Spring, so this Netty handler sits right after the HTTP codec, where every response
 * passes, and fills in the body of an error response (status 400 or more) whose body is empty and
 * whose type is unset or problem JSON. Responses with a body, and every response to a {@code HEAD}
 * request, pass unchanged.
 */
public final class ProblemBodies extends ChannelDuplexHandler {

  static final String NAME = "outrun.problemBodies";
  private static final String PROBLEM_JSON = "application/problem+json";

  /** Methods of the requests not yet answered, oldest first (HTTP/1.1 answers in order). */
  private final Deque<HttpMethod> unanswered = new ArrayDeque<>();

  /** The body to send in place of the empty last content of a response already under way. */
  private byte[] pendingBody;

  /** Adds a handler to a channel's pipeline, right after the HTTP codec (none: nothing to do). */
  public static void install(ChannelPipeline pipeline) {
    if (pipeline.get(NettyPipeline.HttpCodec) != null && pipeline.get(NAME) == null) {
      pipeline.addAfter(NettyPipeline.HttpCodec, NAME, new ProblemBodies());
    }
  }

  @Override
  public void channelRead(ChannelHandlerContext context, Object message) {
    if (message instanceof HttpRequest request) {
      unanswered.add(request.method());
    }
    context.fireChannelRead(message);
  }

  @Override
  public void write(ChannelHandlerContext context, Object message, ChannelPromise promise) {
    if (message instanceof HttpResponse response && response.status().code() >= 200) {
      boolean head = HttpMethod.HEAD.equals(unanswered.poll());
      if (!head && isEmptyError(response)) {
        byte[] body = problem(response.status());
        describe(response.headers(), body.length);
        if (message instanceof FullHttpResponse full) {
          FullHttpResponse filled = full.replace(Unpooled.wrappedBuffer(body));
          full.release();
          context.write(filled, promise);
          return;
        }
        pendingBody = body;
      }
    } else if (pendingBody != null && message instanceof LastHttpContent last) {
      LastHttpContent filled = new DefaultLastHttpContent(Unpooled.wrappedBuffer(pendingBody));
      filled.trailingHeaders().set(last.trailingHeaders());
      last.release();
      pendingBody = null;
      context.write(filled, promise);
      return;
    }
    context.write(message, promise);
  }

  /** An error whose body is surely empty and that no other content type was promised for. */
  private static boolean isEmptyError(HttpResponse response) {
    if (response.status().code() < 400) {
      return false;
    }
    String type = response.headers().get(HttpHeaderNames.CONTENT_TYPE);
    if (type != null && !type.startsWith(PROBLEM_JSON)) {
      return false;
    }
    long length = HttpUtil.getContentLength(response, -1L);
    if (response instanceof FullHttpResponse full) {
      return full.content().readableBytes() == 0 && length <= 0;
    }
    return length == 0 && !HttpUtil.isTransferEncodingChunked(response);
  }

  private static void describe(HttpHeaders headers, int length) {
    headers.set(HttpHeaderNames.CONTENT_TYPE, PROBLEM_JSON);
    headers.set(HttpHeaderNames.CONTENT_LENGTH, length);
  }

  /** The problem for {@code status}; titles and details are fixed ASCII, so no escaping. */
  static byte[] problem(HttpResponseStatus status) {
    String title = HttpResponseStatus.valueOf(status.code()).reasonPhrase();
    String json =
        "{\"type\":\"about:blank\",\"title\":\""
            + title
            + "\",\"status\":"
            + status.code()
            + ",\"detail\":\""
            + detail(status.code(), title)
            + "\"}";
    return json.getBytes(StandardCharsets.US_ASCII);
  }

  private static String detail(int status, String title) {
    return switch (status) {
      case 400 -> "The request is not valid HTTP, or its URI is malformed.";
      case 414 -> "The request line (method, path and query) is longer than this server accepts.";
      case 431 -> "The request headers are larger than this server accepts.";
      default -> title + ".";
    };
  }
}
