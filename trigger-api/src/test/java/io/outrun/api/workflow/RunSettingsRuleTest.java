package io.outrun.api.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import io.outrun.api.error.FieldProblem;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunSettingsRuleTest {

  @Test
  void everySettingAtAValidValuePasses() {
    Map<String, Object> settings =
        Map.of(
            "timeoutMs",
            300_000,
            "concurrency",
            1,
            "retryPolicy",
            Map.of(
                "maxRetries",
                3,
                "backoffStrategy",
                "exponential",
                "initialDelayMs",
                1000,
                "maxDelayMs",
                30_000,
                "jitter",
                "full"),
            "budget",
            Map.of("maxTokensPerRun", 50_000L));

    assertThat(RunSettingsRule.checkWorkflow(settings)).isEmpty();
  }

  @Test
  void emptySettingsAreTheRunnersDefaults() {
    assertThat(RunSettingsRule.checkWorkflow(Map.of())).isEmpty();
    assertThat(RunSettingsRule.checkWorkflow(null)).isEmpty();
  }

  @Test
  void nullValuesAreUnset() {
    Map<String, Object> settings = new HashMap<>();
    settings.put("timeoutMs", null);
    settings.put("concurrency", null);
    settings.put("retryPolicy", null);
    settings.put("budget", null);

    assertThat(RunSettingsRule.checkWorkflow(settings)).isEmpty();
  }

  @Test
  void unknownKeysAreAcceptedForForwardCompatibility() {
    Map<String, Object> settings =
        Map.of(
            "errorWorkflowId", "wf-9",
            "retryPolicy", Map.of("maxRetries", 1, "retryOn", List.of("5xx")),
            "budget", Map.of("maxCostUsd", 2.5));

    assertThat(RunSettingsRule.checkWorkflow(settings)).isEmpty();
  }

  @Test
  void timeoutMustBeAPositiveWholeNumberUpToOneDay() {
    assertThat(fields(Map.of("timeoutMs", 0))).containsExactly("settings.timeoutMs");
    assertThat(fields(Map.of("timeoutMs", -5))).containsExactly("settings.timeoutMs");
    assertThat(fields(Map.of("timeoutMs", 86_400_001))).containsExactly("settings.timeoutMs");
    assertThat(fields(Map.of("timeoutMs", 1500.5))).containsExactly("settings.timeoutMs");
    assertThat(fields(Map.of("timeoutMs", "300000"))).containsExactly("settings.timeoutMs");
    assertThat(fields(Map.of("timeoutMs", true))).containsExactly("settings.timeoutMs");
    assertThat(fields(Map.of("timeoutMs", 86_400_000))).isEmpty();
    assertThat(fields(Map.of("timeoutMs", 1))).isEmpty();
  }

  @Test
  void aWholeNumberWrittenWithAFractionPointIsAccepted() {
    assertThat(fields(Map.of("timeoutMs", 60_000.0, "concurrency", 2.0))).isEmpty();
  }

  @Test
  void numbersBeyondALongAreRefusedNotTruncated() {
    BigInteger huge = new BigInteger("123456789012345678901234567890");

    assertThat(fields(Map.of("timeoutMs", huge))).containsExactly("settings.timeoutMs");
    assertThat(fields(Map.of("budget", Map.of("maxTokensPerRun", 1e300))))
        .containsExactly("settings.budget.maxTokensPerRun");
    assertThat(fields(Map.of("concurrency", Double.POSITIVE_INFINITY)))
        .containsExactly("settings.concurrency");
  }

  @Test
  void concurrencyIsFromOneToAThousand() {
    assertThat(fields(Map.of("concurrency", 0))).containsExactly("settings.concurrency");
    assertThat(fields(Map.of("concurrency", 1001))).containsExactly("settings.concurrency");
    assertThat(fields(Map.of("concurrency", 1000))).isEmpty();
  }

  @Test
  void problemMessageStatesTheAllowedRange() {
    List<FieldProblem> problems = RunSettingsRule.checkWorkflow(Map.of("concurrency", 0));

    assertThat(problems)
        .containsExactly(
            new FieldProblem("settings.concurrency", "must be a whole number from 1 to 1000"));
  }

  @Test
  void retryPolicyMustBeAnObject() {
    assertThat(RunSettingsRule.checkWorkflow(Map.of("retryPolicy", 3)))
        .containsExactly(new FieldProblem("settings.retryPolicy", "must be an object"));
  }

  @Test
  void maxRetriesIsFromZeroToTen() {
    assertThat(retry(Map.of("maxRetries", -1))).containsExactly("settings.retryPolicy.maxRetries");
    assertThat(retry(Map.of("maxRetries", 11))).containsExactly("settings.retryPolicy.maxRetries");
    assertThat(retry(Map.of("maxRetries", 0))).isEmpty();
    assertThat(retry(Map.of("maxRetries", 10))).isEmpty();
  }

  @Test
  void backoffAndJitterAreNamedChoicesInAnyCase() {
    assertThat(retry(Map.of("backoffStrategy", "Exponential", "jitter", "EQUAL"))).isEmpty();
    assertThat(retry(Map.of("backoffStrategy", "linear", "jitter", 1)))
        .containsExactly("settings.retryPolicy.backoffStrategy", "settings.retryPolicy.jitter");
    assertThat(RunSettingsRule.checkWorkflow(settingsWithRetry(Map.of("jitter", "some"))))
        .extracting(FieldProblem::message)
        .containsExactly("must be one of none, full, equal");
  }

  @Test
  void delaysAreWholeMillisecondsUpToOneDay() {
    assertThat(retry(Map.of("initialDelayMs", -1, "maxDelayMs", 86_400_001)))
        .containsExactly("settings.retryPolicy.initialDelayMs", "settings.retryPolicy.maxDelayMs");
    assertThat(retry(Map.of("initialDelayMs", 0, "maxDelayMs", 0))).isEmpty();
  }

  @Test
  void maxDelayBelowInitialDelayIsRefused() {
    List<FieldProblem> problems =
        RunSettingsRule.checkWorkflow(
            settingsWithRetry(Map.of("initialDelayMs", 5000, "maxDelayMs", 1000)));

    assertThat(problems)
        .containsExactly(
            new FieldProblem(
                "settings.retryPolicy.maxDelayMs", "must be at least initialDelayMs (5000)"));
  }

  @Test
  void initialDelayAloneIsNotComparedWithTheDefaultMaximum() {
    assertThat(retry(Map.of("initialDelayMs", 120_000))).isEmpty();
  }

  @Test
  void budgetMustBeAnObjectWithAPositiveWholeTokenCount() {
    assertThat(fields(Map.of("budget", 1000))).containsExactly("settings.budget");
    assertThat(fields(Map.of("budget", Map.of("maxTokensPerRun", 0))))
        .containsExactly("settings.budget.maxTokensPerRun");
    assertThat(fields(Map.of("budget", Map.of("maxTokensPerRun", 10.5))))
        .containsExactly("settings.budget.maxTokensPerRun");
    assertThat(fields(Map.of("budget", Map.of()))).isEmpty();
  }

  @Test
  void everyProblemIsReportedAtOnce() {
    Map<String, Object> settings =
        Map.of(
            "timeoutMs",
            "soon",
            "concurrency",
            -1,
            "retryPolicy",
            Map.of("maxRetries", 99, "backoffStrategy", "random"),
            "budget",
            Map.of("maxTokensPerRun", "lots"));

    assertThat(fields(settings))
        .containsExactlyInAnyOrder(
            "settings.timeoutMs",
            "settings.concurrency",
            "settings.retryPolicy.maxRetries",
            "settings.retryPolicy.backoffStrategy",
            "settings.budget.maxTokensPerRun");
  }

  @Test
  void saveChecksTheSettingsAndEveryNodesOverrides() {
    List<Node> nodes =
        Arrays.asList(
            node("n1", Map.of("retry", "twice")),
            null,
            node("n2", Map.of("timeoutMs", -1, "url", 5)),
            node("n3", Map.of("retry", Map.of("initialDelayMs", 10, "maxDelayMs", 5))));

    assertThat(RunSettingsRule.checkForSave(Map.of("concurrency", 0), nodes))
        .extracting(FieldProblem::field)
        .containsExactly(
            "settings.concurrency",
            "nodes[n1].data.retry",
            "nodes[n2].data.timeoutMs",
            "nodes[n3].data.retry.maxDelayMs");
  }

  @Test
  void saveLeavesTheRestOfANodesDataToDeploy() {
    List<Node> unfinished = List.of(node("n1", Map.of()), node("n2", Map.of("ms", "soon")));

    assertThat(RunSettingsRule.checkForSave(Map.of(), unfinished)).isEmpty();
  }

  private static List<String> fields(Map<String, Object> settings) {
    return RunSettingsRule.checkWorkflow(settings).stream().map(FieldProblem::field).toList();
  }

  private static List<String> retry(Map<String, Object> policy) {
    return fields(settingsWithRetry(policy));
  }

  private static Map<String, Object> settingsWithRetry(Map<String, Object> policy) {
    return Map.of("retryPolicy", policy);
  }

  private static Node node(String id, Map<String, Object> data) {
    return new Node(id, "http_request", new Node.Position(0, 0), data);
  }
}
