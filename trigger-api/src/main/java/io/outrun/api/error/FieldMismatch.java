package io.outrun.api.error;

import tools.jackson.core.JsonParser;
import tools.jackson.databind.exc.MismatchedInputException;

/**
 * A value a reader of request bodies refused with a message that already says, in JSON's terms,
 * what the field must be (a lone surrogate: "must be well-formed Unicode"): the problem's {@code
 * errors} entry shows the message as it is.
 */
public class FieldMismatch extends MismatchedInputException {

  public FieldMismatch(JsonParser parser, String message) {
    super(parser, message);
  }
}
