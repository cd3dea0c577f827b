package io.outrun.runner.parse;

import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * JSON held in a string (strict: no comments, no trailing content) as its value, nested at most
 * {@code maxDepth} levels. Errors name the line and column.
 */
final class JsonText {

  private final JsonMapper json;

  JsonText(int maxDepth) {
    this.json =
        JsonMapper.builder(
                JsonFactory.builder()
                    .streamReadConstraints(
                        StreamReadConstraints.builder().maxNestingDepth(maxDepth).build())
                    .build())
            .enable(tools.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
  }

  ParseOutcome parse(String text) {
    try {
      return new ParseOutcome.Parsed(json.readValue(text, Object.class));
    } catch (JacksonException e) {
      TokenStreamLocation at = e.getLocation();
      String where = at == null ? "" : " line " + at.getLineNr() + ", column " + at.getColumnNr();
      return new ParseOutcome.Refused("JSON" + where + ": " + e.getOriginalMessage());
    }
  }
}
