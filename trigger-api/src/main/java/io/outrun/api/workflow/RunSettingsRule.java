package io.outrun.api.workflow;

import io.outrun.api.error.FieldProblem;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * The settings runner-service reads when it runs a workflow, checked at least as strictly as it
 * reads them, so that what trigger-api stores the runner can run: the workflow's {@code settings}
 * ({@code timeoutMs}, {@code concurrency}, {@code retryPolicy}, {@code budget.maxTokensPerRun}) and
 * each node's overrides ({@code data.timeoutMs}, {@code data.retry}). Unset (absent or null) means
 * the runner's default; keys the runner does not know are accepted, kept and ignored. Pure: no
 * Spring, no I/O.
 */
final class RunSettingsRule {

  /** The longest run or node timeout, and the longest wait between two attempts: 24 h. */
  static final long MAX_DURATION_MS = 86_400_000;

  static final long MAX_RETRIES = 10;

  static final long MAX_CONCURRENCY = 1_000;

  /** The largest whole number a JSON number holds exactly in every client (2^53 - 1). */
  static final long MAX_TOKENS_PER_RUN = 9_007_199_254_740_991L;

  static final List<String> BACKOFF_STRATEGIES = List.of("fixed", "exponential");

  static final List<String> JITTERS = List.of("none", "full", "equal");

  /** The rules in a sentence or two, for the OpenAPI description of {@code settings}. */
  static final String DESCRIPTION =
      "Run settings, all optional (absent or null: the runner's default): timeoutMs, a whole"
          + " number of ms from 1 to "
          + MAX_DURATION_MS
          + " bounding the whole run; concurrency, runs in progress at once, 1 to "
          + MAX_CONCURRENCY
          + " (absent: unlimited); retryPolicy {maxRetries 0 to "
          + MAX_RETRIES
          + ", backoffStrategy fixed|exponential, initialDelayMs and maxDelayMs 0 to "
          + MAX_DURATION_MS
          + " with maxDelayMs >= initialDelayMs, jitter none|full|equal}; budget"
          + " {maxTokensPerRun, a whole number >= 1}. A node's data.timeoutMs and data.retry"
          + " follow the same rules. Other keys are kept and ignored. A save with a bad value is"
          + " refused with 400 naming the field (settings.retryPolicy.maxRetries).";

  private RunSettingsRule() {}

  /**
   * What a save is refused for: the problems of the workflow's settings and of every node's
   * overrides. (The rest of a node's data is checked at deploy: a draft may be unfinished.)
   */
  static List<FieldProblem> checkForSave(Map<String, Object> settings, List<Node> nodes) {
    List<FieldProblem> problems = new ArrayList<>(checkWorkflow(settings));
    nodes.stream()
        .filter(Objects::nonNull)
        .forEach(
            node -> {
              DataFields data =
                  DataFields.of(WorkflowGraphValidator.nodeField(node.id()) + ".data", node.data());
              checkNodeOverrides(data);
              problems.addAll(data.problems());
            });
    return List.copyOf(problems);
  }

  /** The problems of a workflow's {@code settings}, each named {@code settings.<key>...}. */
  static List<FieldProblem> checkWorkflow(Map<String, Object> settings) {
    DataFields fields = DataFields.of("settings", settings);
    fields.wholeNumber("timeoutMs", 1, MAX_DURATION_MS);
    fields.wholeNumber("concurrency", 1, MAX_CONCURRENCY);
    fields.object("retryPolicy").ifPresent(RunSettingsRule::checkRetryPolicy);
    fields
        .object("budget")
        .ifPresent(budget -> budget.wholeNumber("maxTokensPerRun", 1, MAX_TOKENS_PER_RUN));
    return fields.problems();
  }

  /** A node's {@code data.timeoutMs} and {@code data.retry}, by the workflow settings' rules. */
  static void checkNodeOverrides(DataFields data) {
    data.wholeNumber("timeoutMs", 1, MAX_DURATION_MS);
    data.object("retry").ifPresent(RunSettingsRule::checkRetryPolicy);
  }

  /**
   * A retry policy, whole ({@code settings.retryPolicy}) or the fields a node overrides ({@code
   * data.retry}). {@code maxDelayMs} may not be below {@code initialDelayMs} when one object sets
   * both; against the runner's defaults (1000 and 60000 ms) it is not compared, as the runner
   * simply caps each wait at {@code maxDelayMs}.
   */
  private static void checkRetryPolicy(DataFields policy) {
    policy.wholeNumber("maxRetries", 0, MAX_RETRIES);
    policy.choice("backoffStrategy", BACKOFF_STRATEGIES);
    OptionalLong initial = policy.wholeNumber("initialDelayMs", 0, MAX_DURATION_MS);
    OptionalLong max = policy.wholeNumber("maxDelayMs", 0, MAX_DURATION_MS);
    if (initial.isPresent() && max.isPresent() && max.getAsLong() < initial.getAsLong()) {
      policy.problem("maxDelayMs", "must be at least initialDelayMs (" + initial.getAsLong() + ")");
    }
    policy.choice("jitter", JITTERS);
  }
}
