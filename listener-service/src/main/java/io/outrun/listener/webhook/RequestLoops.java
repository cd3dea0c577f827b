package io.outrun.listener.webhook;

import io.netty.channel.EventLoop;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.netty.NettyInbound;

/**
 * The event loop of the connection a request came on, as a scheduler: where a webhook's answer is
 * finished (meters, log entry, bytes) once its outcome is known. An outcome decided elsewhere would
 * otherwise be finished on the thread that decided it, which for an accepted webhook is the Kafka
 * producer's one network thread: every answer then waited there behind the others and delayed the
 * producer's next send. Writing the answer from its own loop costs the same one hand-over Netty
 * makes for a write from another thread. A request not served by Reactor Netty (a test's mock
 * exchange) is finished where its outcome arrives.
 */
final class RequestLoops {

  private RequestLoops() {}

  static Scheduler of(ServerHttpRequest request) {
    Object nativeRequest;
    try {
      nativeRequest = ServerHttpRequestDecorator.getNativeRequest(request);
    } catch (IllegalStateException mock) {
      return Schedulers.immediate(); // a mock request has none
    }
    if (!(nativeRequest instanceof NettyInbound inbound)) {
      return Schedulers.immediate();
    }
    AtomicReference<EventLoop> loop = new AtomicReference<>();
    inbound.withConnection(connection -> loop.set(connection.channel().eventLoop()));
    return loop.get() == null ? Schedulers.immediate() : Schedulers.fromExecutor(loop.get());
  }
}
