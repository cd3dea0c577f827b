package io.outrun.api.fuzz;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One generated request and what it must get.
 *
 * @param label the generator that made it and what it changed, for the failure report
 * @param target the request-target as sent (already percent-encoded, or deliberately not)
 * @param headers header lines ({@code Name: value}) besides Host, Connection and Content-Length
 * @param body the body bytes, or null for none
 * @param refused true if the input is known to be invalid, so any answer but a 4xx is a failure
 */
record FuzzCase(
    String label,
    String method,
    String target,
    List<String> headers,
    byte[] body,
    boolean refused) {

  /** The whole request as bytes: request line, headers, body. */
  byte[] bytes() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    StringBuilder head = new StringBuilder(method + " " + target + " HTTP/1.1\r\n");
    head.append("Host: localhost\r\nConnection: close\r\n");
    headers.forEach(header -> head.append(header).append("\r\n"));
    if (body != null) {
      head.append("Content-Length: ").append(body.length).append("\r\n");
    }
    head.append("\r\n");
    out.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
    if (body != null) {
      out.writeBytes(body);
    }
    return out.toByteArray();
  }

  /** The request, shortened and with control characters shown, for a failure report. */
  String describe() {
    String shown = body == null ? "" : new String(body, StandardCharsets.UTF_8);
    return label
        + ": "
        + method
        + " "
        + abbreviate(target)
        + (refused ? " (must be refused)" : "")
        + (body == null ? "" : " <- " + abbreviate(shown));
  }

  private static String abbreviate(String text) {
    String visible = text.replaceAll("\\p{Cntrl}", "\\\\c");
    return visible.length() <= 200
        ? visible
        : visible.substring(0, 200) + "...(" + visible.length() + " chars)";
  }
}
