package io.outrun.api.error;

/** One invalid input field, as it appears in a problem's {@code errors}. */
public record FieldProblem(String field, String message) {}
