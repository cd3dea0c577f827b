package io.outrun.runner.parse;

/** How parsing one text ended: its JSON value, or why it could not be read. */
public sealed interface ParseOutcome {

  /** The text as JSON: maps, lists, strings, numbers, booleans and nulls. */
  record Parsed(Object value) implements ParseOutcome {}

  /**
   * @param reason what is wrong and where (a CSV line, an XML line and column, a JSON position)
   */
  record Refused(String reason) implements ParseOutcome {}
}
