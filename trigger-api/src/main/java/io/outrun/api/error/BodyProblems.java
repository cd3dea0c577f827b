package io.outrun.api.error;

import java.io.CharConversionException;
import java.util.Collection;
import java.util.List;
import org.springframework.beans.TypeMismatchException;
import org.springframework.web.server.ServerWebInputException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.MismatchedInputException;

/**
 * What was wrong with a request body the JSON reader refused, for {@link ProblemHandler}: malformed
 * JSON, a limit of the reader (depth, size of a string, key or number), or a value of the wrong
 * type, which is named as an {@code errors} entry ({@code nodes[0].position.x}: "must be a
 * number"). In JSON's terms, without server internals such as class names.
 */
final class BodyProblems {

  private BodyProblems() {}

  /** What was wrong with the body, without server internals such as class names. */
  static String describe(ServerWebInputException e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof CharConversionException notUtf8) {
        return "Malformed JSON: " + notUtf8.getMessage();
      }
    }
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof StreamConstraintsException tooMuch) {
        return "The JSON exceeds a limit: " + withoutSource(tooMuch.getOriginalMessage());
      }
      if (cause instanceof StreamReadException malformed) {
        return "Malformed JSON: " + malformed.getOriginalMessage();
      }
      if (cause instanceof MismatchedInputException mismatch) {
        return "'" + pathOf(mismatch) + "' " + fieldMessage(mismatch) + ".";
      }
      if (cause instanceof JacksonException wrongShape) {
        return "A value has the wrong type or shape at '" + pathOf(wrongShape) + "'.";
      }
    }
    return e.getReason() == null ? "Invalid request." : e.getReason();
  }

  /** The field a value of the wrong type or shape was found at, as an {@code errors} entry. */
  static List<FieldProblem> fieldErrors(ServerWebInputException e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof MismatchedInputException mismatch) {
        return List.of(new FieldProblem(pathOf(mismatch), fieldMessage(mismatch)));
      }
      if (cause instanceof TypeMismatchException mismatch && e.getMethodParameter() != null) {
        return List.of(
            new FieldProblem(e.getMethodParameter().getParameterName(), typeMessage(mismatch)));
      }
    }
    return List.of();
  }

  /** A path variable or query parameter that could not be converted to its type. */
  private static String typeMessage(TypeMismatchException e) {
    Class<?> type = e.getRequiredType();
    boolean whole =
        type == int.class || type == Integer.class || type == long.class || type == Long.class;
    return whole ? "must be a whole number" : "has the wrong type";
  }

  /** What the field should have been, in the terms of JSON rather than of Java. */
  private static String fieldMessage(MismatchedInputException e) {
    if (e instanceof FieldMismatch) {
      return e.getOriginalMessage();
    }
    Class<?> type = e.getTargetType();
    if (type == null) {
      return "has the wrong type or shape";
    }
    if (type == String.class) {
      return "must be a string";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "must be true or false";
    }
    if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
      return "must be a whole number";
    }
    if (Number.class.isAssignableFrom(type) || type == double.class || type == float.class) {
      return "must be a number";
    }
    if (Collection.class.isAssignableFrom(type) || type.isArray()) {
      return "must be an array";
    }
    return "must be an object";
  }

  /** Jackson's limit messages end with the Java method the limit comes from: not for users. */
  private static String withoutSource(String message) {
    return message.replaceAll(", from `[^`]*`\\)", ")");
  }

  private static String pathOf(JacksonException e) {
    StringBuilder path = new StringBuilder();
    for (JacksonException.Reference reference : e.getPath()) {
      if (reference.getPropertyName() != null) {
        path.append(path.isEmpty() ? "" : ".").append(reference.getPropertyName());
      } else if (reference.getIndex() >= 0) {
        path.append('[').append(reference.getIndex()).append(']');
      }
    }
    return path.isEmpty() ? "$" : path.toString();
  }
}
