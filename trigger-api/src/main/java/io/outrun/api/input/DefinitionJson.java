package io.outrun.api.input;

import io.outrun.api.error.FieldProblem;
import java.util.List;
import java.util.Map;

/**
 * The keys a definition's free-form JSON (a node's {@code data}, a workflow's {@code settings}, a
 * trigger's {@code config}) may not have, found at any depth and each reported with its JSON path
 * ({@code nodes[2].data.headers.} + the key). A key with a NUL character or an empty key cannot
 * mean anything in a definition and MongoDB cannot store it; a key starting with {@code $} is
 * refused where only Outrun's and the runner's own names belong ({@code settings}, trigger config),
 * and allowed where it is user data or a query (node data, which is stored escaped; a data_change
 * filter, where {@code $} starts an operator). A number too large for a double ({@code 1e400}) is
 * refused too: it would be stored as infinity. Pure: no Spring, no I/O.
 */
public final class DefinitionJson {

  /** At most this many problems are reported for one request, so the answer stays small. */
  static final int MAX_PROBLEMS = 50;

  /** Whether keys starting with {@code $} are allowed. */
  public enum DollarKeys {
    ALLOWED,
    REFUSED
  }

  private DefinitionJson() {}

  /** Adds the problems of {@code json} (found at {@code path}) to {@code problems}. */
  public static void check(
      String path, Object json, DollarKeys dollarKeys, List<FieldProblem> problems) {
    if (problems.size() >= MAX_PROBLEMS) {
      return;
    }
    switch (json) {
      case Map<?, ?> map -> {
        for (Map.Entry<?, ?> entry : map.entrySet()) {
          String key = String.valueOf(entry.getKey());
          String keyPath = path + "." + key;
          String problem = keyProblem(key, dollarKeys);
          if (problem != null) {
            add(problems, keyPath, problem);
          }
          check(keyPath, entry.getValue(), dollarKeys, problems);
        }
      }
      case List<?> items -> {
        for (int i = 0; i < items.size(); i++) {
          check(path + "[" + i + "]", items.get(i), dollarKeys, problems);
        }
      }
      case Double number when number.isInfinite() || number.isNaN() ->
          add(problems, path, "is a number out of range");
      case Float number when number.isInfinite() || number.isNaN() ->
          add(problems, path, "is a number out of range");
      case null, default -> {
        // strings, finite numbers, booleans and null are fine here
      }
    }
  }

  /** What is wrong with {@code key}, or null. */
  public static String keyProblem(String key, DollarKeys dollarKeys) {
    if (key.isEmpty()) {
      return "an empty key is not allowed";
    }
    if (key.indexOf('\0') >= 0) {
      return "a key may not contain the NUL character";
    }
    if (dollarKeys == DollarKeys.REFUSED && key.startsWith("$")) {
      return "a key may not start with '$' here";
    }
    return null;
  }

  private static void add(List<FieldProblem> problems, String field, String message) {
    if (problems.size() < MAX_PROBLEMS) {
      problems.add(new FieldProblem(field, message));
    }
  }
}
