package io.outrun.listener.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.EventLoop;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.HttpHandler;
import org.springframework.http.server.reactive.ReactorHttpHandlerAdapter;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.netty.DisposableServer;
import reactor.netty.NettyInbound;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.server.HttpServer;

/** Over real HTTP on loopback: where an answer decided on another thread is finished. */
class RequestLoopsTest {

  private final ScheduledExecutorService elsewhere =
      Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "kafka-producer-stand-in"));
  private DisposableServer server;

  @AfterEach
  void stop() {
    elsewhere.shutdownNow();
    if (server != null) {
      server.disposeNow();
    }
  }

  @Test
  void anOutcomeDecidedOnAnotherThreadIsFinishedOnTheConnectionsEventLoop() {
    AtomicReference<EventLoop> connectionLoop = new AtomicReference<>();
    AtomicBoolean finishedInLoop = new AtomicBoolean();
    AtomicReference<String> finishedOn = new AtomicReference<>();
    HttpHandler handler =
        (request, response) -> {
          NettyInbound inbound = ServerHttpRequestDecorator.getNativeRequest(request);
          inbound.withConnection(c -> connectionLoop.set(c.channel().eventLoop()));
          return Mono.delay(Duration.ofMillis(5), Schedulers.fromExecutorService(elsewhere))
              .publishOn(RequestLoops.of(request))
              .doOnNext(
                  decided -> {
                    finishedInLoop.set(connectionLoop.get().inEventLoop());
                    finishedOn.set(Thread.currentThread().getName());
                    response.setStatusCode(HttpStatus.ACCEPTED);
                  })
              .then(response.setComplete());
        };
    server =
        HttpServer.create()
            .host("127.0.0.1")
            .port(0)
            .handle(new ReactorHttpHandlerAdapter(handler))
            .bindNow();

    Integer status =
        HttpClient.create()
            .post()
            .uri("http://127.0.0.1:" + server.port() + "/api/webhooks/x")
            .response()
            .map(answer -> answer.status().code())
            .block(Duration.ofSeconds(10));

    assertThat(status).isEqualTo(202);
    assertThat(finishedOn.get()).isNotEqualTo("kafka-producer-stand-in");
    assertThat(finishedInLoop).isTrue();
  }

  @Test
  void aRequestNotServedByNettyIsFinishedWhereItsOutcomeArrives() {
    assertThat(RequestLoops.of(MockServerHttpRequest.post("/api/webhooks/x").build()))
        .isSameAs(Schedulers.immediate());
  }
}
