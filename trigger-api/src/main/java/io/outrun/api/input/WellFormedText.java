package io.outrun.api.input;

import io.outrun.api.error.FieldMismatch;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.jdk.StringDeserializer;
import tools.jackson.databind.deser.std.StdScalarDeserializer;
import tools.jackson.databind.module.SimpleModule;

/**
 * Every string of a request body must be well-formed Unicode. JSON lets a string escape half of a
 * surrogate pair ({@code "\ud800"}); Java keeps it, but MongoDB stores UTF-8, which has no encoding
 * for it, so the driver would silently store {@code ?} instead, and a JSON writer cannot answer it
 * back. So a lone surrogate is refused (400, the field named) where a string is read: by the {@code
 * String} deserializer, which free-form JSON ({@code Map<String, Object>}) uses for its values too.
 * Keys need nothing here: the parser reads bodies as UTF-8 bytes ({@link WellFormedUtf8}) and then
 * refuses a lone surrogate in a key itself, as it refuses raw bytes that encode a surrogate.
 */
public final class WellFormedText extends SimpleModule {

  WellFormedText() {
    super("outrun-well-formed-text");
    addDeserializer(String.class, new Strings());
  }

  /** A string that holds half of a surrogate pair. */
  public static final class LoneSurrogateException extends FieldMismatch {

    LoneSurrogateException(JsonParser parser, String message) {
      super(parser, message);
    }
  }

  /** Whether {@code text} has a surrogate that is not part of a high-low pair. */
  static boolean hasLoneSurrogate(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return true;
      }
    }
    return false;
  }

  private static final class Strings extends StdScalarDeserializer<String> {

    Strings() {
      super(String.class);
    }

    @Override
    public String deserialize(JsonParser parser, DeserializationContext context) {
      String text = (String) StringDeserializer.instance.deserialize(parser, context);
      if (text != null && hasLoneSurrogate(text)) {
        throw new LoneSurrogateException(
            parser, "must be well-formed Unicode (it holds half of a surrogate pair)");
      }
      return text;
    }
  }
}
