package io.outrun.listener.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.outrun.listener.ListenerSpringTest;
import io.outrun.listener.StoredDocuments;
import io.outrun.listener.registry.TriggerRegistry;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import reactor.test.StepVerifier;

/**
 * Issue 5, "413 ... checked before buffering the whole body", over a raw socket so the test decides
 * what is sent and when. The tests' limit is 64 KB ({@link ListenerSpringTest}). Neither request
 * ever completes its body: an answer can only come from a receiver that refuses early.
 */
@ListenerSpringTest
class WebhookBodyLimitIT {

  private static final int LIMIT = 64 * 1024;
  private static final int ONE_MB = 1024 * 1024;
  private static final int ANSWER_TIMEOUT_MS = 10_000;

  @Autowired ReactiveMongoTemplate mongo;
  @Autowired TriggerRegistry registry;
  @LocalServerPort int port;

  @BeforeEach
  void waitForRegistry() {
    await().atMost(Duration.ofSeconds(30)).until(registry::isReady);
  }

  @Test
  void contentLengthOverTheLimitIsRefusedWithoutReadingTheBody() throws IOException {
    String triggerId = fireableWebhook();

    try (Socket socket = connect()) {
      OutputStream out = socket.getOutputStream();
      out.write(head(triggerId, "Content-Length: " + (LIMIT + ONE_MB)));
      out.flush();
      // not one byte of the body is sent

      assertThat(statusLine(socket)).startsWith("HTTP/1.1 413");
    }
  }

  @Test
  void chunkedBodyIsRefusedOnceItPassesTheLimit() throws Exception {
    String triggerId = fireableWebhook();

    try (Socket socket = connect()) {
      OutputStream out = socket.getOutputStream();
      out.write(head(triggerId, "Transfer-Encoding: chunked"));
      out.flush();
      AtomicLong sent = new AtomicLong();
      // limit + 1 MB in 8 KB chunks, and never the last (empty) chunk: the body does not end
      CompletableFuture<Void> writer =
          CompletableFuture.runAsync(() -> sendChunks(out, LIMIT + ONE_MB, sent));

      String status = statusLine(socket);

      assertThat(status).startsWith("HTTP/1.1 413");
      await().atMost(Duration.ofSeconds(1)).until(() -> sent.get() > LIMIT);
      socket.close();
      writer.handle((done, failed) -> null).get();
    }
  }

  /** Writes chunks until {@code total} bytes or until the server stops taking them. */
  private static void sendChunks(OutputStream out, int total, AtomicLong sent) {
    byte[] data = new byte[8 * 1024];
    Arrays.fill(data, (byte) 'x');
    byte[] size = (Integer.toHexString(data.length) + "\r\n").getBytes(StandardCharsets.US_ASCII);
    byte[] end = "\r\n".getBytes(StandardCharsets.US_ASCII);
    try {
      while (sent.get() < total) {
        out.write(size);
        out.write(data);
        out.write(end);
        out.flush();
        sent.addAndGet(data.length);
      }
    } catch (IOException closedByTheServer) {
      // expected once the server has answered and closed the connection
    }
  }

  private Socket connect() throws IOException {
    Socket socket = new Socket("localhost", port);
    socket.setSoTimeout(ANSWER_TIMEOUT_MS);
    return socket;
  }

  private static byte[] head(String triggerId, String framing) {
    return ("POST /api/webhooks/"
            + triggerId
            + " HTTP/1.1\r\n"
            + "Host: localhost\r\n"
            + "Content-Type: text/plain\r\n"
            + framing
            + "\r\n\r\n")
        .getBytes(StandardCharsets.US_ASCII);
  }

  /** The response's first line; fails if none comes within the socket's timeout. */
  private static String statusLine(Socket socket) throws IOException {
    BufferedReader in =
        new BufferedReader(
            new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
    String line = in.readLine();
    assertThat(line).as("an answer before the body ended").isNotNull();
    return line;
  }

  private String fireableWebhook() {
    StoredDocuments.WorkflowBuilder workflow = StoredDocuments.workflow();
    StoredDocuments.TriggerBuilder trigger = StoredDocuments.webhookTrigger(workflow.id());
    StepVerifier.create(mongo.insert(workflow.build(), "workflows"))
        .expectNextCount(1)
        .verifyComplete();
    StepVerifier.create(mongo.insert(trigger.build(), "triggers"))
        .expectNextCount(1)
        .verifyComplete();
    await().atMost(Duration.ofSeconds(5)).until(() -> registry.find(trigger.id()).isPresent());
    return trigger.id();
  }
}
