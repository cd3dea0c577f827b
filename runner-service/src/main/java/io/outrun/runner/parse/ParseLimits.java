package io.outrun.runner.parse;

/**
 * @param maxInputBytes the largest text parsed, in UTF-8 bytes
 * @param maxDepth the deepest nesting of JSON objects and arrays, and of XML elements
 */
public record ParseLimits(long maxInputBytes, int maxDepth) {

  public ParseLimits {
    if (maxInputBytes < 1 || maxDepth < 1) {
      throw new IllegalArgumentException("parse limits must be positive");
    }
  }
}
