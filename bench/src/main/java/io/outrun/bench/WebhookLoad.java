package io.outrun.bench;

import io.netty.handler.codec.http.HttpHeaderNames;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongFunction;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;

/**
 * The load generator: POSTs to one path (a listener webhook, trigger-api's run requests) over a
 * fixed pool of HTTP/1.1 keep-alive connections (Reactor Netty, its own event loops), either closed
 * loop (every connection sends its next request as soon as the last is answered: saturation) or
 * open loop (a fixed arrival rate whatever happens to earlier requests, latency counted from each
 * request's intended send time, so a stall is not hidden by sending less during it).
 */
final class WebhookLoad implements AutoCloseable {

  /** One request to send: its body and headers. */
  record Request(byte[] body, String headerName, String headerValue) {}

  /** What a phase of load measured. */
  record Result(
      double seconds,
      long accepted,
      long errors,
      long errorsOutsideWindow,
      String lastError,
      Percentiles latency,
      List<Double> slowestBySecond) {

    double acceptedPerSecond() {
      return seconds > 0 ? accepted / seconds : 0;
    }

    /**
     * Open loop only: the slowest request due in each second of the window, in milliseconds, one
     * figure per second ("-" for a second with none answered); whether a tail is a few stalls or
     * spread over the window. Empty for saturation.
     */
    String slowestBySecondText() {
      return slowestBySecond.stream()
          .map(ms -> ms.isNaN() ? "-" : "%.0f".formatted(ms))
          .collect(Collectors.joining(" "));
    }

    /** " (last: ...)" with the last error on one line, abbreviated; empty when there was none. */
    String lastErrorNote() {
      return lastError == null
          ? ""
          : " (last: " + abbreviate(lastError.replaceAll("\\s+", " ")) + ")";
    }
  }

  private final LoopResources loops;
  private final ConnectionProvider pool;
  private final HttpClient http;
  private final int connections;

  WebhookLoad(String baseUrl, int connections) {
    this.connections = connections;
    this.loops = LoopResources.create("bench-http", 2, true);
    this.pool =
        ConnectionProvider.builder("bench")
            .maxConnections(connections)
            .pendingAcquireMaxCount(-1)
            .pendingAcquireTimeout(Duration.ofSeconds(60))
            .build();
    // a request not answered within 30 s fails (and counts as an error) rather than hang a phase
    this.http =
        HttpClient.create(pool)
            .runOn(loops)
            .baseUrl(baseUrl)
            .keepAlive(true)
            .responseTimeout(Duration.ofSeconds(30));
  }

  /** One request; emits its status code, or fails (connection refused, reset...). */
  Mono<Answer> post(String path, Request request) {
    return http.post()
        .uri(path)
        .send(
            (req, out) -> {
              req.header(HttpHeaderNames.CONTENT_TYPE, "application/json")
                  .header(HttpHeaderNames.CONTENT_LENGTH, String.valueOf(request.body().length));
              if (request.headerName() != null) {
                req.header(request.headerName(), request.headerValue());
              }
              return out.sendByteArray(Mono.just(request.body()));
            })
        .responseSingle(
            (response, content) ->
                content
                    .asString(StandardCharsets.UTF_8)
                    .defaultIfEmpty("")
                    .map(body -> new Answer(response.status().code(), body)));
  }

  record Answer(int status, String body) {}

  /** Called on the caller's thread when the measured window starts and when it ends. */
  interface Window {
    /** Measures nothing. */
    Window NONE =
        new Window() {
          @Override
          public void started() {}

          @Override
          public void ended() {}
        };

    void started();

    void ended();

    /** Both windows: {@code first} read first at each edge. */
    static Window both(Window first, Window second) {
      return new Window() {
        @Override
        public void started() {
          first.started();
          second.started();
        }

        @Override
        public void ended() {
          first.ended();
          second.ended();
        }
      };
    }
  }

  /**
   * Saturation: {@code connections} requests in flight at all times for {@code warmup + seconds};
   * counts what is answered during the last {@code seconds}.
   */
  Result saturate(
      String path, LongFunction<Request> requests, int warmup, int seconds, Window window)
      throws InterruptedException {
    return saturate(path, requests, warmup, Warmup.FIXED, seconds, window);
  }

  /**
   * How a saturation phase's warm-up goes on past the seconds it was given: {@link #more} is asked
   * at their end, and again at the end of the seconds it answers, until it answers 0.
   */
  interface Warmup {
    /** No more than given. */
    Warmup FIXED = warmed -> 0;

    /** Seconds more of warm-up after {@code warmed} in all; 0 to start measuring. */
    int more(int warmed);

    /**
     * Called {@link #lastWindowSeconds} before the given warm-up ends (at once when it is shorter),
     * so {@link #more} can judge by its last seconds alone.
     */
    default void lastWindowStarts() {}

    default int lastWindowSeconds() {
      return 0;
    }
  }

  /**
   * As {@link #saturate(String, LongFunction, int, int, Window)}, with a warm-up that goes on past
   * {@code warmup} seconds while {@code more} says so.
   */
  Result saturate(
      String path,
      LongFunction<Request> requests,
      int warmup,
      Warmup more,
      int seconds,
      Window window)
      throws InterruptedException {
    Tally tally = new Tally();
    AtomicLong sequence = new AtomicLong();
    long start = System.nanoTime();
    AtomicLong ending = new AtomicLong(Long.MAX_VALUE);
    CompletableFuture<Void> done =
        Flux.<Long>generate(sink -> sink.next(sequence.getAndIncrement()))
            .takeWhile(i -> System.nanoTime() < ending.get())
            .flatMap(
                i -> {
                  long sent = System.nanoTime();
                  return post(path, requests.apply(i))
                      .doOnNext(answer -> tally.answered(answer, sent, System.nanoTime()))
                      .onErrorResume(
                          failure -> {
                            tally.failed(failure);
                            return Mono.empty();
                          });
                },
                connections,
                1)
            .then()
            .toFuture();
    long measureFrom;
    try {
      measureFrom = warmUp(start, warmup, more);
    } catch (InterruptedException | RuntimeException e) {
      ending.set(System.nanoTime()); // the load stops with the caller
      throw e;
    }
    long end = measureFrom + TimeUnit.SECONDS.toNanos(seconds);
    ending.set(end);
    tally.startWindow();
    window.started();
    sleepUntil(end);
    tally.endWindow();
    window.ended();
    done.join();
    return tally.result(end - measureFrom);
  }

  /** Sleeps through a saturation phase's warm-up; returns when it ended (System.nanoTime). */
  private static long warmUp(long start, int warmup, Warmup more) throws InterruptedException {
    int warmed = warmup;
    long measureFrom = start + TimeUnit.SECONDS.toNanos(warmup);
    sleepUntil(measureFrom - TimeUnit.SECONDS.toNanos(Math.min(more.lastWindowSeconds(), warmup)));
    more.lastWindowStarts();
    sleepUntil(measureFrom);
    for (int extra = more.more(warmed); extra > 0; extra = more.more(warmed)) {
      warmed += extra;
      measureFrom += TimeUnit.SECONDS.toNanos(extra);
      sleepUntil(measureFrom);
    }
    return measureFrom;
  }

  /**
   * Open loop: {@code rate} requests per second for {@code settle + seconds}, measuring those due
   * in the last {@code seconds}; each one's latency runs from when it was due, not from when it
   * went out. The requests are sent from a thread of their own that does nothing else.
   */
  Result fixedRate(
      String path, LongFunction<Request> requests, int rate, int settle, int seconds, Window window)
      throws InterruptedException {
    Tally tally = new Tally(seconds);
    long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(10);
    long total = (long) rate * (settle + seconds);
    long firstMeasured = (long) rate * settle;
    long measureFrom = start + TimeUnit.SECONDS.toNanos(settle);
    long end = start + TimeUnit.SECONDS.toNanos(settle + seconds);
    AtomicLong outstanding = new AtomicLong();
    Thread arrivals =
        Thread.ofPlatform()
            .name("bench-arrivals")
            .start(
                () -> {
                  for (long i = 0; i < total; i++) {
                    long due = start + i * TimeUnit.SECONDS.toNanos(1) / rate;
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                      LockSupport.parkNanos(wait);
                    }
                    boolean measured = i >= firstMeasured;
                    int second = measured ? (int) ((i - firstMeasured) / rate) : -1;
                    outstanding.incrementAndGet();
                    post(path, requests.apply(i))
                        .doFinally(signal -> outstanding.decrementAndGet())
                        .subscribe(
                            answer ->
                                tally.answered(answer, due, System.nanoTime(), measured, second),
                            failure -> tally.failed(failure, measured));
                  }
                });
    sleepUntil(measureFrom);
    window.started();
    sleepUntil(end);
    window.ended();
    arrivals.join();
    long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (outstanding.get() > 0 && System.nanoTime() < giveUp) {
      Thread.sleep(5);
    }
    tally.failedToAnswer(outstanding.get());
    return tally.result(end - measureFrom);
  }

  private static void sleepUntil(long nanoTime) throws InterruptedException {
    long wait;
    while ((wait = nanoTime - System.nanoTime()) > 0) {
      TimeUnit.NANOSECONDS.sleep(Math.min(wait, TimeUnit.MILLISECONDS.toNanos(100)));
    }
  }

  @Override
  public void close() {
    pool.dispose();
    loops.dispose();
  }

  /** Counts answers; latencies and counts only between startWindow and endWindow. */
  private static final class Tally {
    private final AtomicLongArray slowestBySecond;
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private final AtomicLong allErrors = new AtomicLong();
    private final LatencyLog latencies = new LatencyLog();
    private volatile boolean measuring;
    private volatile String lastError;

    /** Saturation: no per-second figures. */
    Tally() {
      this(0);
    }

    /** Open loop over a window of {@code seconds}: the slowest answer due in each second. */
    Tally(int seconds) {
      slowestBySecond = new AtomicLongArray(seconds);
      for (int i = 0; i < seconds; i++) {
        slowestBySecond.set(i, -1);
      }
    }

    void startWindow() {
      measuring = true;
    }

    void endWindow() {
      measuring = false;
    }

    Result result(long windowNanos) {
      return new Result(
          windowNanos / 1e9,
          accepted.get(),
          errors.get(),
          allErrors.get() - errors.get(),
          lastError,
          Percentiles.of(latencies.millis()),
          IntStream.range(0, slowestBySecond.length())
              .mapToObj(i -> slowestBySecond.get(i) < 0 ? Double.NaN : slowestBySecond.get(i) / 1e6)
              .toList());
    }

    /** Saturation: counted when answered within the window. */
    void answered(Answer answer, long sentNanos, long answeredNanos) {
      answered(answer, sentNanos, answeredNanos, measuring, -1);
    }

    /**
     * Counted in the window or not as the caller says; {@code second}: which second of the window
     * it was due in, -1 for none.
     */
    void answered(Answer answer, long sentNanos, long answeredNanos, boolean measured, int second) {
      if (answer.status() != 202) {
        error(answer.status() + " " + answer.body(), measured);
      } else if (measured) {
        long latency = answeredNanos - sentNanos;
        accepted.incrementAndGet();
        latencies.add(latency);
        if (second >= 0 && second < slowestBySecond.length()) {
          slowestBySecond.accumulateAndGet(second, latency, Math::max);
        }
      }
    }

    void failed(Throwable failure) {
      failed(failure, measuring);
    }

    void failed(Throwable failure, boolean measured) {
      error(failure.toString(), measured);
    }

    void failedToAnswer(long unanswered) {
      if (unanswered > 0) {
        lastError = unanswered + " requests unanswered 30 s after the last was sent";
        allErrors.addAndGet(unanswered);
        errors.addAndGet(unanswered);
      }
    }

    private void error(String what, boolean measured) {
      lastError = what;
      allErrors.incrementAndGet();
      if (measured) {
        errors.incrementAndGet();
      }
    }
  }

  /** At most 200 characters of {@code text}, "..." marking a cut. */
  static String abbreviate(String text) {
    return text.length() <= 200 ? text : text.substring(0, 200) + "...";
  }
}
