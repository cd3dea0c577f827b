package io.outrun.runner.parse;

import java.util.List;
import java.util.Map;

/**
 * Reads a text in one {@link ParseFormat} into JSON, within limits: the text's size (as a webhook
 * body's) and how deep JSON and XML may nest. Every failure is a {@link ParseOutcome.Refused}
 * naming where the text is wrong. Pure CPU work with no I/O; callers keep it off event loops.
 */
public final class TextParser {

  private final ParseLimits limits;
  private final JsonText json;

  public TextParser(ParseLimits limits) {
    this.limits = limits;
    this.json = new JsonText(limits.maxDepth());
  }

  public ParseOutcome parse(ParseSettings settings, Object input) {
    if (!(input instanceof String text)) {
      return new ParseOutcome.Refused(
          "the input (" + settings.input() + ") is " + kind(input) + ", not text");
    }
    long bytes = Utf8.length(text);
    if (bytes > limits.maxInputBytes()) {
      return new ParseOutcome.Refused(
          "the input is "
              + bytes
              + " bytes, over the limit of "
              + limits.maxInputBytes()
              + " (outrun.runner.parse.max-input-size)");
    }
    return switch (settings.format()) {
      case CSV -> CsvText.parse(text, settings.csv());
      case XML -> XmlText.parse(text, limits.maxDepth());
      case HTML_TEXT -> HtmlText.parse(text);
      case FORM -> FormText.parse(text);
      case JSON -> json.parse(text);
    };
  }

  private static String kind(Object value) {
    return switch (value) {
      case null -> "null";
      case Map<?, ?> map -> "an object";
      case List<?> list -> "an array";
      case Number number -> "a number";
      case Boolean bool -> "a boolean";
      default -> "a " + value.getClass().getSimpleName();
    };
  }

  /** Counts UTF-8 bytes without encoding the text. */
  private static final class Utf8 {
    static long length(String text) {
      long bytes = 0;
      for (int i = 0; i < text.length(); i++) {
        char c = text.charAt(i);
        if (c < 0x80) {
          bytes += 1;
        } else if (c < 0x800) {
          bytes += 2;
        } else if (Character.isHighSurrogate(c)) {
          bytes += 4;
          i++;
        } else {
          bytes += 3;
        }
      }
      return bytes;
    }
  }
}
