package io.outrun.api.trigger;

import io.outrun.api.error.FieldProblem;
import io.outrun.api.input.ApiLimits;
import io.outrun.api.input.DefinitionJson;
import io.outrun.api.input.DefinitionJson.DollarKeys;
import io.outrun.events.TriggerType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a trigger request may hold, checked before its type's own rules (trigger-config's {@code
 * TriggerConfigs}): a name and type of bounded length, and no config key that cannot mean anything
 * ({@link DefinitionJson}): no empty or NUL key anywhere, and no {@code $} key except inside a
 * data_change {@code filter}, which is a MongoDB query by design. (Keys a type does not know are
 * dropped by its rule, but are still refused here: a client that sends them has a bug worth hearing
 * about.) Pure: no Spring, no I/O.
 */
final class TriggerInputRule {

  static final String FILTER = "filter";

  private TriggerInputRule() {}

  static List<FieldProblem> check(TriggerRequest request, ApiLimits limits) {
    List<FieldProblem> problems = new ArrayList<>();
    tooLong(problems, "name", request.name(), limits.maxNameLength());
    tooLong(problems, "type", request.type(), limits.maxIdLength());
    boolean query = TriggerType.DATA_CHANGE.wireName().equals(request.type());
    for (Map.Entry<String, Object> entry : request.config().entrySet()) {
      String key = entry.getKey();
      String path = "config." + key;
      String problem = DefinitionJson.keyProblem(key, DollarKeys.REFUSED);
      if (problem != null) {
        problems.add(new FieldProblem(path, problem));
      }
      DollarKeys dollarKeys = query && FILTER.equals(key) ? DollarKeys.ALLOWED : DollarKeys.REFUSED;
      DefinitionJson.check(path, entry.getValue(), dollarKeys, problems);
    }
    return problems;
  }

  private static void tooLong(List<FieldProblem> problems, String field, String text, int max) {
    if (text != null && text.length() > max) {
      problems.add(new FieldProblem(field, "must be at most " + max + " characters"));
    }
  }
}
