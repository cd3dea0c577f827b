package io.outrun.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * One keep-alive connection, requests sent before the previous answer has ended on the server, as a
 * client that pipelines (or simply reuses a connection the moment a response arrives) does. Each is
 * answered: Reactor Netty 1.3.7 could stop reading such a connection once a buffered request had
 * been answered at once, so the next request on it waited until the client gave up
 * (reactor-netty#4361; seen here as requests of the ITs hanging 30 s now and then).
 */
class KeepAliveIT extends ApiTestSupport {

  private static final int ROUNDS = 200;

  @Test
  void everyRequestOnAKeepAliveConnectionIsAnswered() throws IOException {
    String token = token("u1", "ws-" + UUID.randomUUID());
    // answered after a MongoDB read, off the connection's event loop
    String read = request("GET /api/workflows", "Authorization: Bearer " + token);
    // answered at once, on the event loop: no token
    String refused = request("GET /api/workflows", null);

    try (Socket socket = new Socket("localhost", port)) {
      socket.setSoTimeout(5_000);
      OutputStream out = socket.getOutputStream();
      InputStream in = socket.getInputStream();
      for (int round = 0; round < ROUNDS; round++) {
        out.write((read + refused).getBytes(StandardCharsets.US_ASCII)); // one write, two requests
        out.flush();
        assertThat(status(in)).as("round %d, first", round).isEqualTo(200);
        assertThat(status(in)).as("round %d, second", round).isEqualTo(401);
        out.write(read.getBytes(StandardCharsets.US_ASCII)); // after both answers
        out.flush();
        assertThat(status(in)).as("round %d, third", round).isEqualTo(200);
      }
    }
  }

  private String request(String line, String header) {
    return line
        + " HTTP/1.1\r\nHost: localhost:"
        + port
        + "\r\n"
        + (header == null ? "" : header + "\r\n")
        + "\r\n";
  }

  /** Reads one response (its body by Content-Length or chunked) and returns its status. */
  private static int status(InputStream in) throws IOException {
    String statusLine = line(in);
    int status = Integer.parseInt(statusLine.split(" ")[1]);
    long length = 0;
    boolean chunked = false;
    for (String header = line(in); !header.isEmpty(); header = line(in)) {
      String lower = header.toLowerCase(Locale.ROOT);
      if (lower.startsWith("content-length:")) {
        length = Long.parseLong(lower.substring("content-length:".length()).trim());
      } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
        chunked = true;
      }
    }
    if (!chunked) {
      in.readNBytes((int) length);
      return status;
    }
    for (long size = chunk(in); size > 0; size = chunk(in)) {
      in.readNBytes((int) size);
      line(in);
    }
    line(in); // the blank line after the last chunk
    return status;
  }

  private static long chunk(InputStream in) throws IOException {
    String size = line(in);
    int extension = size.indexOf(';');
    return Long.parseLong((extension < 0 ? size : size.substring(0, extension)).trim(), 16);
  }

  private static String line(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    for (int b = in.read(); b != '\n'; b = in.read()) {
      if (b < 0) {
        throw new IOException("the server closed the connection");
      }
      if (b != '\r') {
        line.write(b);
      }
    }
    return line.toString(StandardCharsets.US_ASCII);
  }
}
