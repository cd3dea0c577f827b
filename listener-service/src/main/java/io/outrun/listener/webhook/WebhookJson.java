package io.outrun.listener.webhook;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.json.JsonFactory;

/**
 * Reads a webhook body that says it is JSON into plain maps, lists and scalars, or tells why not.
 * Jackson's stream constraints bound what it holds while reading: nesting depth, the length of a
 * name, a string and a number. On top of that a value must be one every later reader takes as it
 * is: a string with a lone surrogate (half of a UTF-16 pair, from a {@code \ud800} escape) is
 * refused, an integer too large for a long becomes a double (as JavaScript and JSONata read it, and
 * as MongoDB can store it), and a number out of a double's range ({@code 1e400}) is refused.
 * Malformed JSON is not refused: the caller passes it on as text.
 */
public final class WebhookJson {

  /** What reading found. */
  public sealed interface Read {}

  /** The parsed value: a map, list, string, number, boolean or null. */
  public record Value(Object json) implements Read {}

  /** Not well-formed JSON. */
  public record NotJson() implements Read {}

  /** Well-formed JSON over a limit, or a value no reader could take; {@code detail} says which. */
  public record Refused(String detail) implements Read {}

  private final JsonFactory factory;

  public WebhookJson(WebhookProperties.JsonLimits limits, long maxBodyBytes) {
    this.factory =
        JsonFactory.builder()
            .streamReadConstraints(
                StreamReadConstraints.builder()
                    .maxNestingDepth(limits.maxDepth())
                    .maxNameLength(limits.maxNameLength())
                    .maxNumberLength(limits.maxNumberLength())
                    .maxStringLength((int) Math.min(maxBodyBytes, Integer.MAX_VALUE))
                    .build())
            .build();
  }

  /** A body in UTF-8 (or UTF-16/32, which the parser detects). */
  public Read read(byte[] json) {
    try (JsonParser parser = factory.createParser(ObjectReadContext.empty(), json)) {
      return read(parser);
    }
  }

  /** A body already decoded from its declared charset. */
  Read read(String json) {
    try (JsonParser parser = factory.createParser(ObjectReadContext.empty(), json)) {
      return read(parser);
    }
  }

  private static Read read(JsonParser parser) {
    try {
      Object value = value(parser, parser.nextToken());
      return parser.nextToken() == null ? new Value(value) : new NotJson();
    } catch (StreamConstraintsException overLimit) {
      return new Refused(
          overLimit.getOriginalMessage().replaceAll(", from `[^`]*`", "") + where(overLimit));
    } catch (Unreadable unreadable) {
      return new Refused(unreadable.getMessage() + where(parser));
    } catch (JacksonException malformed) {
      return new NotJson();
    }
  }

  private static Object value(JsonParser parser, JsonToken token) {
    if (token == null) {
      throw new Unreadable("the body ends before its JSON value");
    }
    return switch (token) {
      case START_OBJECT -> object(parser);
      case START_ARRAY -> array(parser);
      case VALUE_STRING -> checked(parser.getString());
      case VALUE_NUMBER_INT -> integer(parser);
      case VALUE_NUMBER_FLOAT -> finite(parser.getDoubleValue());
      case VALUE_TRUE -> Boolean.TRUE;
      case VALUE_FALSE -> Boolean.FALSE;
      case VALUE_NULL -> null;
      default -> throw new Unreadable("unexpected " + token);
    };
  }

  private static Map<String, Object> object(JsonParser parser) {
    Map<String, Object> object = new LinkedHashMap<>();
    for (String name = parser.nextName(); name != null; name = parser.nextName()) {
      object.put(checked(name), value(parser, parser.nextToken()));
    }
    return object;
  }

  private static List<Object> array(JsonParser parser) {
    List<Object> array = new ArrayList<>();
    for (JsonToken token = parser.nextToken();
        token != JsonToken.END_ARRAY;
        token = parser.nextToken()) {
      array.add(value(parser, token));
    }
    return array;
  }

  private static Object integer(JsonParser parser) {
    return switch (parser.getNumberType()) {
      case INT -> parser.getIntValue();
      case LONG -> parser.getLongValue();
      default -> finite(parser.getDoubleValue());
    };
  }

  private static double finite(double number) {
    if (Double.isInfinite(number)) {
      throw new Unreadable("a number is out of range (larger than 1.8e308)");
    }
    return number;
  }

  /** {@code text}, unless it holds half of a UTF-16 surrogate pair without the other half. */
  private static String checked(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        throw new Unreadable(
            "a string holds a lone surrogate (\\u" + hex(c) + "), not Unicode text");
      }
    }
    return text;
  }

  private static String hex(char c) {
    return String.format("%04x", (int) c);
  }

  private static String where(JacksonException e) {
    return e.getLocation() == null
        ? ""
        : where(e.getLocation().getLineNr(), e.getLocation().getColumnNr());
  }

  private static String where(JsonParser parser) {
    return where(parser.currentLocation().getLineNr(), parser.currentLocation().getColumnNr());
  }

  private static String where(int line, int column) {
    return line < 1 ? "" : " (line " + line + ", column " + column + ")";
  }

  /** A value read but refused; unwinds the reading, never leaves this class. */
  private static final class Unreadable extends RuntimeException {
    Unreadable(String message) {
      super(message, null, false, false);
    }
  }
}
