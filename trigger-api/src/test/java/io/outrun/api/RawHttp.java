package io.outrun.api;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, for requests no HTTP client would send (an over-long request line,
 * huge headers, a broken request line, a malformed percent-encoding): writes the bytes as given and
 * reads the answer until the server closes the connection, so requests should say {@code
 * Connection: close}.
 */
public final class RawHttp {

  private static final int TIMEOUT_MILLIS = 30_000;

  private RawHttp() {}

  /** The answer as the server sent it (a chunked body already joined). */
  public record Response(int status, Map<String, String> headers, String body) {

    public String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }
  }

  /** Sends {@code request} as ISO-8859-1 bytes and reads the answer. */
  public static Response send(int port, String request) {
    return send(port, request.getBytes(StandardCharsets.ISO_8859_1));
  }

  /** Sends {@code request} as it is and reads the answer. */
  public static Response send(int port, byte[] request) {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
      socket.setSoTimeout(TIMEOUT_MILLIS);
      OutputStream out = socket.getOutputStream();
      out.write(request);
      out.flush();
      return parse(readAll(socket.getInputStream()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] readAll(InputStream in) throws IOException {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    try {
      in.transferTo(all);
    } catch (java.net.SocketException reset) {
      // the server may reset a connection it answered and closed while we were still sending
    }
    return all.toByteArray();
  }

  private static Response parse(byte[] raw) {
    String text = new String(raw, StandardCharsets.ISO_8859_1);
    int end = text.indexOf("\r\n\r\n");
    if (end < 0) {
      throw new IllegalStateException("no complete HTTP response: " + text);
    }
    String[] lines = text.substring(0, end).split("\r\n");
    int status = Integer.parseInt(lines[0].split(" ")[1]);
    Map<String, String> headers = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      headers.put(
          lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
          lines[i].substring(colon + 1).trim());
    }
    byte[] body = Arrays.copyOfRange(raw, end + 4, raw.length);
    boolean chunked = "chunked".equalsIgnoreCase(headers.get("transfer-encoding"));
    return new Response(
        status, headers, new String(chunked ? unchunk(body) : body, StandardCharsets.UTF_8));
  }

  private static byte[] unchunk(byte[] body) {
    String text = new String(body, StandardCharsets.ISO_8859_1);
    ByteArrayOutputStream joined = new ByteArrayOutputStream();
    int at = 0;
    while (at < body.length) {
      int lineEnd = text.indexOf("\r\n", at);
      int size = Integer.parseInt(text.substring(at, lineEnd).split(";")[0].trim(), 16);
      if (size == 0) {
        break;
      }
      joined.write(body, lineEnd + 2, Math.min(size, body.length - lineEnd - 2));
      at = lineEnd + 2 + size + 2;
    }
    return joined.toByteArray();
  }
}
