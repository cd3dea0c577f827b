package io.outrun.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The triggers pages in real Chromium against the whole stack, a step per test, in order: a webhook
 * trigger made in its form, its URL copied and called, its run in the runs list; the trigger's page
 * (history, deliveries, fire, disable); an authenticated webhook's secret shown once and rotated;
 * its settings saved on its page, a blank name refused beside them; a schedule's live preview; a
 * dependency cycle's chain. The workflows they act on are set up through the API, as the signed-in
 * user. Screenshots go to docs/console/.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleTriggersIT {

  private static final Pattern RUN_ID = Pattern.compile("\"runId\"\\s*:\\s*\"([^\"]+)\"");

  private static ConsoleSession page;
  private static String greeter;
  private static String other;
  private static String webhookUrl;
  private static String webhookRun;
  private static String signed;

  @BeforeAll
  static void signInWithADeployedWorkflowAndADraft() {
    page = ConsoleSession.signIn("grace", "ws-triggers");
    page.grantClipboard();
    greeter =
        page.createWorkflow(
            "Greeter",
            "transform",
            Map.of("expression", "$uppercase($steps.greet.output.message)"));
    page.awaitRun(page.run(greeter), "completed");
    page.api("POST", "/api/workflows/" + greeter + "/deploy", null);
    other = page.createWorkflow("Order check", "transform", Map.of("expression", "$trigger"));
  }

  @AfterAll
  static void stop() {
    if (page != null) {
      page.close();
    }
  }

  @Test
  @Order(1)
  void aWebhookTriggerMadeInItsFormShowsItsUrlOnceAndCopiesIt() {
    page.open("#/workflows/" + greeter + "/triggers");
    new Select(page.waitFor("#new-trigger-type")).selectByValue("webhook");
    page.replaceText(page.find("#new-trigger-name"), "inbound");
    new Select(page.find("#trigger-authType")).selectByValue("none");
    page.find("#create-trigger").click();

    webhookUrl = page.waitFor("#webhook-url").getDomProperty("value");
    page.find("#webhook-url-copy").click();
    page.waitForText("#webhook-url-copied", "Copied.");
    Object copied =
        page.browser.executeAsyncScript(
            "const done = arguments[arguments.length - 1];"
                + "navigator.clipboard.readText().then(done, e => done('failed: ' + e));");

    assertThat(webhookUrl).matches("http://localhost:\\d+/api/webhooks/[0-9a-f-]+");
    assertThat(copied).isEqualTo(webhookUrl);
    assertThat(page.waitFor("#triggers tr[data-trigger]").getText())
        .contains("inbound", "webhook", "enabled");
    page.screenshot("trigger-webhook");
  }

  @Test
  @Order(2)
  void aCallToTheCopiedUrlStartsARunThatTheRunsListShows() throws Exception {
    HttpResponse<String> answer = ConsoleSession.post(webhookUrl, "{\"name\": \"Linus\"}");
    assertThat(answer.statusCode()).isEqualTo(202);
    Matcher runId = RUN_ID.matcher(answer.body());
    assertThat(runId.find()).isTrue();
    webhookRun = runId.group(1);

    page.find("a[href='#/runs']").click();

    WebElement row = page.waitFor("#runs tr[data-run-id='" + webhookRun + "']");
    assertThat(row.getText()).contains("Greeter", "webhook: inbound");
    new WebDriverWait(page.browser, ConsoleSession.RUN_WAIT)
        .until(
            d ->
                page.find("#runs tr[data-run-id='" + webhookRun + "']")
                    .getText()
                    .contains("completed"));
    page.screenshot("runs");
  }

  @Test
  @Order(3)
  void theTriggersPageShowsItsDeliveryAndRunThenFiresAndDisablesIt() throws Exception {
    page.open("#/workflows/" + greeter + "/triggers");
    page.waitFor("#triggers tr[data-trigger] a").click();

    page.waitFor("#trigger-history li[data-run-id='" + webhookRun + "']");
    new WebDriverWait(page.browser, ConsoleSession.WAIT)
        .until(d -> page.find("#webhook-logs").getText().contains(webhookRun.substring(0, 8)));
    assertThat(page.find("#webhook-logs tbody").getText()).contains("POST", "202");
    page.screenshot("trigger");

    page.find("#fire-trigger").click();
    String fired = page.waitFor("#trigger-action-result a code").getText();
    page.awaitRun(fired, "completed");
    page.find("#disable-trigger").click();

    page.waitForText("#trigger-state", "disabled");
    Awaitility.await()
        .atMost(ConsoleSession.WAIT)
        .pollInterval(Duration.ofMillis(250))
        .until(() -> ConsoleSession.post(webhookUrl, "{}").statusCode() == 404);
  }

  @Test
  @Order(4)
  void anAuthenticatedWebhooksSecretIsShownOnceAndRotatedFromItsPage() {
    page.open("#/workflows/" + greeter + "/triggers");
    new Select(page.waitFor("#new-trigger-type")).selectByValue("webhook");
    page.replaceText(page.find("#new-trigger-name"), "signed");
    new Select(page.find("#trigger-authType")).selectByValue("hmac");
    new Select(page.waitFor("#trigger-signatureScheme")).selectByValue("github");
    page.find("#create-trigger").click();

    String secret = page.waitFor("#webhook-secret").getDomProperty("value");
    signed = page.find("#trigger-created section[data-trigger]").getAttribute("data-trigger");
    assertThat(secret).isNotBlank();
    assertThat(page.find("#webhook-secret-copy").getAttribute("aria-label"))
        .isEqualTo("Copy Secret");
    page.open("#/workflows/" + greeter + "/triggers/" + signed);
    page.waitForText("#trigger-url", signed);
    assertThat(page.browser.getPageSource()).doesNotContain(secret);
    assertThat(new Select(page.find("#trigger-signatureScheme")).getFirstSelectedOption().getText())
        .isEqualTo("github");

    page.find("#rotate-secret").click();

    String rotated = page.waitFor("#webhook-secret").getDomProperty("value");
    assertThat(rotated).isNotBlank().isNotEqualTo(secret);
  }

  @Test
  @Order(5)
  void aTriggersSettingsAreSavedOnItsPageAndARefusalIsShownBesideThem() {
    page.open("#/workflows/" + greeter + "/triggers/" + signed);
    page.replaceText(page.waitFor("#trigger-name"), " ");
    page.find("#save-trigger").click();
    page.waitForText("#trigger-problems", "(400)");
    assertThat(page.find("#trigger-problems").getText()).contains("name");

    page.replaceText(page.find("#trigger-name"), "signed by github");
    page.find("#save-trigger").click();

    page.waitForText("#notice", "Trigger saved.");
    page.waitForText(".trigger-page h1", "signed by github");
  }

  @Test
  @Order(6)
  void aScheduleFormPreviewsTheNextRunsAndRefusesABadCronAsYouType() {
    page.open("#/workflows/" + greeter + "/triggers");
    new Select(page.waitFor("#new-trigger-type")).selectByValue("schedule");
    page.find("#create-trigger").click();
    page.waitForText("#trigger-problems", "(400)");
    assertThat(page.find("#trigger-problems").getText()).contains("name");
    page.replaceText(page.find("#new-trigger-name"), "nightly");
    page.replaceText(page.find("#trigger-cron"), "61 2 * * *");
    page.waitForText("#schedule-preview-error", "cron");

    page.replaceText(page.find("#trigger-cron"), "30 2 * * *");
    page.replaceText(page.find("#trigger-timezone"), "Europe/Berlin");

    new WebDriverWait(page.browser, ConsoleSession.WAIT)
        .until(d -> d.findElements(By.cssSelector("#schedule-next-runs li")).size() == 5);
    page.waitForText("#schedule-next-runs", "Europe/Berlin");
    assertThat(page.find("#schedule-description").getText()).isNotBlank();
    assertThat(page.findAll("#schedule-next-runs li"))
        .allSatisfy(run -> assertThat(run.getText()).contains("2:30"));
    page.screenshot("trigger-schedule");

    page.find("#create-trigger").click();
    new WebDriverWait(page.browser, ConsoleSession.WAIT)
        .until(d -> page.find("#triggers").getText().contains("nightly"));
  }

  @Test
  @Order(7)
  void aDependencyThatWouldCloseACycleShowsItsChainByWorkflowName() {
    page.open("#/workflows/" + other + "/triggers");
    new Select(page.waitFor("#new-trigger-type")).selectByValue("dependency");
    page.replaceText(page.find("#new-trigger-name"), "after greeter");
    page.present("#trigger-dependsOnWorkflowId option[value='" + greeter + "']");
    new Select(page.find("#trigger-dependsOnWorkflowId")).selectByValue(greeter);
    page.waitForText("#dependency-check", "No cycle.");
    page.find("#create-trigger").click();
    new WebDriverWait(page.browser, ConsoleSession.WAIT)
        .until(d -> page.find("#triggers").getText().contains("after greeter"));

    page.open("#/workflows/" + greeter + "/triggers");
    new Select(page.waitFor("#new-trigger-type")).selectByValue("dependency");
    page.replaceText(page.find("#new-trigger-name"), "after order check");
    page.present("#trigger-dependsOnWorkflowId option[value='" + other + "']");
    new Select(page.find("#trigger-dependsOnWorkflowId")).selectByValue(other);

    page.waitForText("#dependency-check", "cycle");
    assertThat(page.find("#dependency-check").getText()).contains("Greeter", "Order check", "→");
    page.find("#create-trigger").click();
    page.waitForText("#trigger-problems", "Cycle:");
    assertThat(page.find("#trigger-problems").getText())
        .contains("Greeter → Order check", "dependsOnWorkflowId");
  }

  @Test
  @Order(8)
  void thePagesBrokeNoContentSecurityPolicyRule() {
    assertThat(page.cspViolations()).isEmpty();
  }
}
