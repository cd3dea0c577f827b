package io.outrun.listener.webhook;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, one request per connection: the fuzz test sends bytes no HTTP
 * client would (bad header values, conflicting lengths, huge request lines) and reads whatever
 * comes back. Blocking, on the test's own thread.
 */
final class RawHttp {

  private final int port;

  RawHttp(int port) {
    this.port = port;
  }

  /** The answer to {@code request} (sent as it is), read to the end of the connection. */
  Response send(byte[] request) throws IOException {
    try (Socket socket = new Socket("localhost", port)) {
      socket.setSoTimeout(15_000);
      socket.getOutputStream().write(request);
      socket.getOutputStream().flush();
      return parse(readAll(socket.getInputStream()));
    }
  }

  private static byte[] readAll(InputStream in) throws IOException {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    byte[] buffer = new byte[16 * 1024];
    try {
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        all.write(buffer, 0, n);
      }
    } catch (java.net.SocketException reset) {
      // the server may reset a connection it refused before reading all of the request
    }
    return all.toByteArray();
  }

  static Response parse(byte[] bytes) {
    int end = indexOf(bytes, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
    if (end < 0) {
      return new Response(-1, Map.of(), bytes);
    }
    String[] lines = new String(bytes, 0, end, StandardCharsets.ISO_8859_1).split("\r\n");
    String[] statusLine = lines[0].split(" ", 3);
    Map<String, String> headers = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      if (colon > 0) {
        headers.put(
            lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
            lines[i].substring(colon + 1).trim());
      }
    }
    byte[] body = Arrays.copyOfRange(bytes, end + 4, bytes.length);
    if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
      body = unchunked(body);
    }
    return new Response(Integer.parseInt(statusLine[1]), headers, body);
  }

  private static byte[] unchunked(byte[] chunked) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    int at = 0;
    while (at < chunked.length) {
      int lineEnd = indexOf(Arrays.copyOfRange(chunked, at, chunked.length), new byte[] {13, 10});
      if (lineEnd < 0) {
        break;
      }
      String sizeText = new String(chunked, at, lineEnd, StandardCharsets.ISO_8859_1);
      int size = Integer.parseInt(sizeText.split(";")[0].trim(), 16);
      if (size == 0) {
        break;
      }
      body.write(chunked, at + lineEnd + 2, size);
      at += lineEnd + 2 + size + 2;
    }
    return body.toByteArray();
  }

  private static int indexOf(byte[] bytes, byte[] pattern) {
    outer:
    for (int i = 0; i + pattern.length <= bytes.length; i++) {
      for (int j = 0; j < pattern.length; j++) {
        if (bytes[i + j] != pattern[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  /** A response; {@code status} is -1 when none could be read. Header names are lower case. */
  record Response(int status, Map<String, String> headers, byte[] body) {
    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }
}
