package io.outrun.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The runs pages in real Chromium against the whole stack: a failed run found in the runs list by
 * its status, its page showing the step's error; a running run followed live and cancelled from its
 * page; a workflow's stats charts. The workflows and runs are set up through the API, as the
 * signed-in user. Screenshots go to docs/console/.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleRunsIT {

  private static final String FAILURE = "the order has no id";

  private static ConsoleSession page;
  private static String greeter;
  private static String brokenRun;

  @BeforeAll
  static void signInWithTwoCompletedRunsAndAFailedOne() {
    page = ConsoleSession.signIn("linus", "ws-runs");
    greeter =
        page.createWorkflow(
            "Greeter",
            "transform",
            Map.of("expression", "$uppercase($steps.greet.output.message)"));
    page.awaitRun(page.run(greeter), "completed");
    page.api("POST", "/api/workflows/" + greeter + "/deploy", null);
    page.awaitRun(page.run(greeter), "completed");
    page.awaitRun(page.run(greeter), "completed");
    String broken =
        page.createWorkflow(
            "Order check", "transform", Map.of("expression", "$error(\"" + FAILURE + "\")"));
    brokenRun = page.run(broken);
    page.awaitRun(brokenRun, "failed");
  }

  @AfterAll
  static void stop() {
    if (page != null) {
      page.close();
    }
  }

  @Test
  @Order(1)
  void aFailedRunIsFoundByItsStatusAndItsPageShowsTheStepsError() {
    page.open("#/runs?status=failed");
    page.waitFor("#runs tr[data-run-id='" + brokenRun + "'] a").click();

    page.waitForText("#run-status", "failed");
    assertThat(page.waitFor("#steps tr[data-step='check'] .step-error").getText())
        .contains(FAILURE);
    assertThat(page.find("#steps tr[data-step='greet']").getText()).contains("completed");
    assertThat(page.find("#step-timeline").getAttribute("aria-label")).contains("check failed");
    assertThat(page.find("#retry-run").isEnabled()).isTrue();
    assertThat(page.find("#cancel-run").isEnabled()).isFalse();
    page.screenshot("run-failed");
  }

  @Test
  @Order(2)
  void aRunningRunIsFollowedLiveOnItsPageAndCancelledThere() {
    String slow = page.createWorkflow("Slow", "delay", Map.of("ms", 45_000));
    String run = page.run(slow);
    page.open("#/runs/" + run);

    page.waitForText("#run-status", "running");
    assertThat(page.find("#run-mode").getText()).startsWith("Live");
    page.find("#cancel-run").click();

    new WebDriverWait(page.browser, ConsoleSession.WAIT)
        .until(ExpectedConditions.textToBe(By.cssSelector("#run-status"), "cancelled"));
    assertThat(page.find("#cancel-run").isEnabled()).isFalse();
    assertThat(page.find("#retry-run").isEnabled()).isTrue();
  }

  @Test
  @Order(3)
  void theStatsPageChartsTheWorkflowsFinishedRuns() {
    page.open("#/workflows/" + greeter + "/stats");

    page.waitFor("#chart-runs canvas");
    assertThat(page.find("#stats-summary").getText()).startsWith("2 finished runs");
    assertThat(page.find("#chart-runs").getAttribute("aria-label"))
        .contains("2 completed", "0 failed");
    assertThat(page.find("#chart-runs").getText()).contains("completed", "failed", "cancelled");
    page.waitFor("#chart-duration canvas");
    page.waitFor("#chart-cost canvas");
    page.screenshot("stats");
  }

  @Test
  @Order(4)
  void thePagesBrokeNoContentSecurityPolicyRule() {
    assertThat(page.cspViolations()).isEmpty();
  }
}
