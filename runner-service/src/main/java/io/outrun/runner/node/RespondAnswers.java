package io.outrun.runner.node;

import io.outrun.events.RunResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code respond} node's answer, checked: {@code status} a whole number from 100 to 599 (or a
 * string that reads as one, as a template renders), {@code headers} names to text values (numbers
 * and booleans are written as text), {@code body} any JSON value. Pure; the step output is the
 * checked answer, which {@link #fromOutput} reads back for the run's completion.
 */
public final class RespondAnswers {

  /** The node type. */
  public static final String TYPE = "respond";

  static final int DEFAULT_STATUS = 200;

  private RespondAnswers() {}

  /** The answer, or why the resolved {@code data} is not one. */
  sealed interface Checked {
    record Answer(Map<String, Object> output) implements Checked {}

    record Refused(String reason) implements Checked {}
  }

  /** Checks resolved {@code data} ({@code status}, {@code headers}, {@code body}). */
  static Checked check(Map<String, Object> data) {
    Integer status = status(data.get("status"));
    if (status == null) {
      return new Checked.Refused("status must be a whole number from 100 to 599");
    }
    Object rawHeaders = data.get("headers");
    if (rawHeaders != null && !(rawHeaders instanceof Map<?, ?>)) {
      return new Checked.Refused("headers must be an object of header names to values");
    }
    Map<String, Object> headers = new LinkedHashMap<>();
    if (rawHeaders instanceof Map<?, ?> map) {
      for (Map.Entry<?, ?> header : map.entrySet()) {
        Object value = header.getValue();
        if (!(value instanceof String || value instanceof Number || value instanceof Boolean)) {
          return new Checked.Refused("header '" + header.getKey() + "' must be text");
        }
        headers.put(String.valueOf(header.getKey()), String.valueOf(value));
      }
    }
    Map<String, Object> output = new LinkedHashMap<>();
    output.put("status", status);
    output.put("headers", headers);
    output.put("body", data.get("body"));
    return new Checked.Answer(output);
  }

  /** A completed respond step's output as the run's response; empty if it is not one. */
  public static Optional<RunResponse> fromOutput(String nodeId, Object output) {
    if (!(output instanceof Map<?, ?> map) || !(map.get("status") instanceof Number status)) {
      return Optional.empty();
    }
    Map<String, String> headers = new LinkedHashMap<>();
    if (map.get("headers") instanceof Map<?, ?> stored) {
      stored.forEach((name, value) -> headers.put(String.valueOf(name), String.valueOf(value)));
    }
    int code = status.intValue();
    return code < 100 || code > 599
        ? Optional.empty()
        : Optional.of(new RunResponse(nodeId, code, headers, map.get("body")));
  }

  private static Integer status(Object value) {
    Long status =
        switch (value) {
          case null -> (long) DEFAULT_STATUS;
          case Integer i -> (long) i;
          case Long l -> l;
          case Double d when d == Math.rint(d) && !d.isInfinite() -> d.longValue();
          case String text when text.strip().matches("[0-9]{3}") -> Long.parseLong(text.strip());
          default -> null;
        };
    return status == null || status < 100 || status > 599 ? null : status.intValue();
  }
}
