package io.outrun.api.trigger;

import io.outrun.api.error.FieldProblem;
import io.outrun.api.input.ApiLimits;
import io.outrun.api.input.DefinitionJson;
import io.outrun.api.input.DefinitionJson.DollarKeys;
import io.outrun.api.workspace.AutoPauseSetting;
import io.outrun.events.TriggerType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a trigger request may hold, checked before its type's own rules (trigger-config's {@code
 * TriggerConfigs}): a name and type of bounded length, and no config key that cannot mean anything
 * ({@link DefinitionJson}): no empty or NUL key anywhere, and no {@code $} key except inside a
 * data_change {@code filter}, which is a MongoDB query by design. (Keys a type does not know are
 * refused by its rule, with the others of that rule.) A name or type that is blank is refused here
 * too, for the requests bean validation does not see ({@code PATCH /api/triggers/{id}}). Pure: no
 * Spring, no I/O.
 */
final class TriggerInputRule {

  static final String FILTER = "filter";

  private TriggerInputRule() {}

  static List<FieldProblem> check(TriggerRequest request, ApiLimits limits) {
    List<FieldProblem> problems = new ArrayList<>();
    blank(problems, "name", request.name());
    blank(problems, "type", request.type());
    tooLong(problems, "name", request.name(), limits.maxNameLength());
    tooLong(problems, "type", request.type(), limits.maxIdLength());
    if (!AutoPauseSetting.valid(request.autoPauseAfterFailures())) {
      problems.add(new FieldProblem("autoPauseAfterFailures", AutoPauseSetting.RULE));
    }
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

  private static void blank(List<FieldProblem> problems, String field, String text) {
    if (text == null || text.isBlank()) {
      problems.add(new FieldProblem(field, "must not be blank"));
    }
  }

  private static void tooLong(List<FieldProblem> problems, String field, String text, int max) {
    if (text != null && text.length() > max) {
      problems.add(new FieldProblem(field, "must be at most " + max + " characters"));
    }
  }
}
