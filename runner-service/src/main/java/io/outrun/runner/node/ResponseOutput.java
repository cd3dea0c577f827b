package io.outrun.runner.node;

import io.outrun.runner.egress.GuardedHttpClient;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/** A peer's response as an HTTP node records it. Pure. */
final class ResponseOutput {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private ResponseOutput() {}

  /** {@code {status, headers, body}}; a JSON response's body parsed, others as text. */
  static Map<String, Object> of(GuardedHttpClient.Response response) {
    Map<String, Object> headers = new LinkedHashMap<>();
    response.headers().forEach((name, values) -> headers.put(name, String.join(", ", values)));
    Map<String, Object> output = new LinkedHashMap<>();
    output.put("status", response.status());
    output.put("headers", headers);
    output.put("body", body(response));
    return output;
  }

  /** The body as text, in the response's charset (UTF-8 when it names none or an unknown one). */
  static String text(GuardedHttpClient.Response response) {
    return new String(response.body(), charset(response));
  }

  private static Object body(GuardedHttpClient.Response response) {
    String contentType = response.header("content-type").orElse("").toLowerCase(Locale.ROOT);
    byte[] bytes = response.body();
    if (contentType.contains("json")) {
      if (bytes.length == 0) {
        return null;
      }
      try {
        return JSON.readValue(bytes, Object.class);
      } catch (JacksonException e) {
        // a peer that says JSON but sends something else: keep the text
      }
    }
    return text(response);
  }

  private static Charset charset(GuardedHttpClient.Response response) {
    String contentType = response.header("content-type").orElse("");
    for (String part : contentType.split(";")) {
      String trimmed = part.trim();
      if (trimmed.toLowerCase(Locale.ROOT).startsWith("charset=")) {
        try {
          return Charset.forName(trimmed.substring(8).replace("\"", "").trim());
        } catch (IllegalArgumentException e) {
          return StandardCharsets.UTF_8;
        }
      }
    }
    return StandardCharsets.UTF_8;
  }
}
