package io.outrun.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
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
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console's operations pages in real Chromium against the whole stack, a step per test, in
 * order: a webhook trigger made in its form, its URL copied and called, its run in the runs list;
 * the trigger's page (history, deliveries, fire, disable); a schedule's live preview; a dependency
 * cycle's chain; a failed run's error on its page; a workflow's stats charts. The workflows they
 * act on are set up through the API, as the signed-in user. Screenshots go to docs/console/.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleOperationsIT {

  private static final Path SCREENSHOTS = Path.of("..", "docs", "console");
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final Duration RUN_WAIT = Duration.ofSeconds(90);
  private static final Pattern RUN_ID = Pattern.compile("\"runId\"\\s*:\\s*\"([^\"]+)\"");
  private static final String FAILURE = "the order has no id";

  private static ConsoleStack stack;
  private static ChromeDriver browser;
  private static String greeter;
  private static String broken;
  private static String brokenRun;
  private static String webhookUrl;
  private static String webhookRun;

  @BeforeAll
  static void signInAndSetUpTwoWorkflows() {
    browser = Chromium.start();
    stack = ConsoleStack.shared();
    browser.get(stack.url());
    replaceText(waitFor("#signin-user"), "grace");
    replaceText(find("#signin-workspace"), "ws-operations");
    find("#signin-dev").click();
    waitFor("#workflows");
    browser.executeCdpCommand(
        "Browser.grantPermissions",
        Map.of(
            "origin",
            stack.url().replaceAll("/$", ""),
            "permissions",
            List.of("clipboardReadWrite", "clipboardSanitizedWrite")));

    greeter =
        createWorkflow(
            "Greeter",
            "transform",
            Map.of("expression", "$uppercase($steps.greet.output.message)"));
    awaitRun(testRun(greeter), "completed");
    api("POST", "/api/workflows/" + greeter + "/deploy", null);
    broken =
        createWorkflow(
            "Order check", "transform", Map.of("expression", "$error(\"" + FAILURE + "\")"));
    brokenRun = testRun(broken);
    awaitRun(brokenRun, "failed");
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.quit();
    }
  }

  @Test
  @Order(1)
  void aWebhookTriggerMadeInItsFormShowsItsUrlOnceAndCopiesIt() {
    browser.get(stack.url() + "#/workflows/" + greeter + "/triggers");
    new Select(waitFor("#new-trigger-type")).selectByValue("webhook");
    replaceText(find("#new-trigger-name"), "inbound");
    new Select(find("#trigger-authType")).selectByValue("none");
    find("#create-trigger").click();

    webhookUrl = waitFor("#webhook-url").getDomProperty("value");
    find("#webhook-url-copy").click();
    waitForText("#webhook-url-copied", "Copied.");
    Object copied =
        browser.executeAsyncScript(
            "const done = arguments[arguments.length - 1];"
                + "navigator.clipboard.readText().then(done, e => done('failed: ' + e));");

    assertThat(webhookUrl).matches("http://localhost:\\d+/api/webhooks/[0-9a-f-]+");
    assertThat(copied).isEqualTo(webhookUrl);
    assertThat(waitFor("#triggers tr[data-trigger]").getText())
        .contains("inbound", "webhook", "enabled");
    screenshot("trigger-webhook");
  }

  @Test
  @Order(2)
  void aCallToTheCopiedUrlStartsARunThatTheRunsListShows() throws Exception {
    HttpResponse<String> answer = post(webhookUrl, "{\"name\": \"Linus\"}");
    assertThat(answer.statusCode()).isEqualTo(202);
    Matcher runId = RUN_ID.matcher(answer.body());
    assertThat(runId.find()).isTrue();
    webhookRun = runId.group(1);

    find("a[href='#/runs']").click();

    WebElement row = waitFor("#runs tr[data-run-id='" + webhookRun + "']");
    assertThat(row.getText()).contains("Greeter", "webhook: inbound");
    new WebDriverWait(browser, RUN_WAIT)
        .until(
            d ->
                find("#runs tr[data-run-id='" + webhookRun + "']").getText().contains("completed"));
    screenshot("runs");
  }

  @Test
  @Order(3)
  void theTriggersPageShowsItsDeliveryAndRunThenFiresAndDisablesIt() throws Exception {
    browser.get(stack.url() + "#/workflows/" + greeter + "/triggers");
    waitFor("#triggers tr[data-trigger] a").click();

    waitFor("#trigger-history li[data-run-id='" + webhookRun + "']");
    new WebDriverWait(browser, WAIT)
        .until(d -> find("#webhook-logs").getText().contains(webhookRun.substring(0, 8)));
    assertThat(find("#webhook-logs tbody").getText()).contains("POST", "202");
    screenshot("trigger");

    find("#fire-trigger").click();
    String fired = waitFor("#trigger-action-result a code").getText();
    awaitRun(fired, "completed");
    find("#disable-trigger").click();

    waitForText("#trigger-state", "disabled");
    Awaitility.await()
        .atMost(WAIT)
        .pollInterval(Duration.ofMillis(250))
        .until(() -> post(webhookUrl, "{}").statusCode() == 404);
  }

  @Test
  @Order(4)
  void aScheduleFormPreviewsTheNextRunsAndRefusesABadCronAsYouType() {
    browser.get(stack.url() + "#/workflows/" + greeter + "/triggers");
    new Select(waitFor("#new-trigger-type")).selectByValue("schedule");
    find("#create-trigger").click();
    waitForText("#trigger-problems", "(400)");
    assertThat(find("#trigger-problems").getText()).contains("name");
    replaceText(find("#new-trigger-name"), "nightly");
    replaceText(find("#trigger-cron"), "61 2 * * *");
    waitForText("#schedule-preview-error", "cron");

    replaceText(find("#trigger-cron"), "30 2 * * *");
    replaceText(find("#trigger-timezone"), "Europe/Berlin");

    new WebDriverWait(browser, WAIT)
        .until(d -> d.findElements(By.cssSelector("#schedule-next-runs li")).size() == 5);
    waitForText("#schedule-next-runs", "Europe/Berlin");
    assertThat(find("#schedule-description").getText()).isNotBlank();
    assertThat(browser.findElements(By.cssSelector("#schedule-next-runs li")))
        .allSatisfy(run -> assertThat(run.getText()).contains("2:30"));
    screenshot("trigger-schedule");

    find("#create-trigger").click();
    new WebDriverWait(browser, WAIT).until(d -> find("#triggers").getText().contains("nightly"));
  }

  @Test
  @Order(5)
  void aDependencyThatWouldCloseACycleShowsItsChainByWorkflowName() {
    browser.get(stack.url() + "#/workflows/" + broken + "/triggers");
    new Select(waitFor("#new-trigger-type")).selectByValue("dependency");
    replaceText(find("#new-trigger-name"), "after greeter");
    present("#trigger-dependsOnWorkflowId option[value='" + greeter + "']");
    new Select(find("#trigger-dependsOnWorkflowId")).selectByValue(greeter);
    waitForText("#dependency-check", "No cycle.");
    find("#create-trigger").click();
    new WebDriverWait(browser, WAIT)
        .until(d -> find("#triggers").getText().contains("after greeter"));

    browser.get(stack.url() + "#/workflows/" + greeter + "/triggers");
    new Select(waitFor("#new-trigger-type")).selectByValue("dependency");
    replaceText(find("#new-trigger-name"), "after order check");
    present("#trigger-dependsOnWorkflowId option[value='" + broken + "']");
    new Select(find("#trigger-dependsOnWorkflowId")).selectByValue(broken);

    waitForText("#dependency-check", "cycle");
    assertThat(find("#dependency-check").getText()).contains("Greeter", "Order check", "→");
    find("#create-trigger").click();
    waitForText("#trigger-problems", "Cycle:");
    assertThat(find("#trigger-problems").getText())
        .contains("Greeter → Order check", "dependsOnWorkflowId");
  }

  @Test
  @Order(6)
  void aFailedRunIsFoundByItsStatusAndItsPageShowsTheStepsError() {
    browser.get(stack.url() + "#/runs?status=failed");
    waitFor("#runs tr[data-run-id='" + brokenRun + "'] a").click();

    waitForText("#run-status", "failed");
    assertThat(waitFor("#steps tr[data-step='check'] .step-error").getText()).contains(FAILURE);
    assertThat(find("#steps tr[data-step='greet']").getText()).contains("completed");
    assertThat(find("#step-timeline").getAttribute("aria-label")).contains("check failed");
    assertThat(find("#retry-run").isEnabled()).isTrue();
    assertThat(find("#cancel-run").isEnabled()).isFalse();
    screenshot("run-failed");
  }

  @Test
  @Order(7)
  void aRunningRunIsFollowedLiveOnItsPageAndCancelledThere() {
    String slow = createWorkflow("Slow", "delay", Map.of("ms", 45_000));
    String run = testRun(slow);
    browser.get(stack.url() + "#/runs/" + run);

    waitForText("#run-status", "running");
    assertThat(find("#run-mode").getText()).startsWith("Live");
    find("#cancel-run").click();

    new WebDriverWait(browser, WAIT)
        .until(ExpectedConditions.textToBe(By.cssSelector("#run-status"), "cancelled"));
    assertThat(find("#cancel-run").isEnabled()).isFalse();
    assertThat(find("#retry-run").isEnabled()).isTrue();
  }

  @Test
  @Order(8)
  void theStatsPageChartsTheWorkflowsFinishedRuns() {
    browser.get(stack.url() + "#/workflows/" + greeter + "/stats");

    waitFor("#chart-runs canvas");
    assertThat(find("#stats-summary").getText()).startsWith("2 finished runs");
    assertThat(find("#chart-runs").getAttribute("aria-label")).contains("2 completed", "0 failed");
    assertThat(find("#chart-runs").getText()).contains("completed", "failed", "cancelled");
    waitFor("#chart-duration canvas");
    waitFor("#chart-cost canvas");
    screenshot("stats");
  }

  @Test
  @Order(9)
  void thePagesBrokeNoContentSecurityPolicyRule() {
    List<String> violations =
        browser.manage().logs().get(LogType.BROWSER).getAll().stream()
            .map(LogEntry::getMessage)
            .filter(message -> message.contains("Content Security Policy"))
            .toList();

    assertThat(violations).isEmpty();
  }

  /** A POST of JSON from outside the browser, as a webhook sender makes it. */
  private static HttpResponse<String> post(String url, String json) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }

  /** A draft of two nodes: a log step "greet", then a step "check" of {@code type}. */
  private static String createWorkflow(String name, String type, Map<String, Object> data) {
    Map<?, ?> workflow =
        api(
            "POST",
            "/api/workflows",
            Map.of(
                "name",
                name,
                "nodes",
                List.of(
                    Map.of(
                        "id",
                        "greet",
                        "type",
                        "log",
                        "position",
                        Map.of("x", 40, "y", 60),
                        "data",
                        Map.of("message", "Hello {{ $trigger.body.name }}")),
                    Map.of(
                        "id",
                        "check",
                        "type",
                        type,
                        "position",
                        Map.of("x", 300, "y", 60),
                        "data",
                        data)),
                "edges",
                List.of(Map.of("id", "e1", "source", "greet", "target", "check"))));
    return (String) workflow.get("id");
  }

  private static String testRun(String workflowId) {
    return (String)
        api("POST", "/api/workflows/" + workflowId + "/runs", Map.of("input", Map.of()))
            .get("runId");
  }

  private static void awaitRun(String runId, String status) {
    Awaitility.await()
        .atMost(RUN_WAIT)
        .pollInterval(Duration.ofMillis(200))
        .until(() -> status.equals(api("GET", "/api/runs/" + runId, null).get("status")));
  }

  /** Calls the API from the page, with the signed-in user's token; the answer's JSON object. */
  private static Map<?, ?> api(String method, String path, Object body) {
    Object answer =
        browser.executeAsyncScript(
            """
            const [method, path, body, done] = arguments;
            const token = JSON.parse(sessionStorage.getItem('outrun.session')).token;
            fetch(path, {method, headers: {Authorization: 'Bearer ' + token,
                'Content-Type': 'application/json'}, body: body == null ? undefined : JSON.stringify(body)})
              .then(r => r.json().then(json => done({status: r.status, json})))
              .catch(e => done({status: 0, json: {error: String(e)}}));
            """,
            method,
            path,
            body);
    Map<?, ?> result = (Map<?, ?>) answer;
    assertThat(((Number) result.get("status")).intValue())
        .as("%s %s answered %s", method, path, result.get("json"))
        .isBetween(200, 299);
    return (Map<?, ?>) result.get("json");
  }

  private static void replaceText(WebElement input, String text) {
    input.sendKeys(Keys.chord(Keys.CONTROL, "a"), text);
  }

  private static WebElement find(String css) {
    return browser.findElement(By.cssSelector(css));
  }

  private static WebElement waitFor(String css) {
    return new WebDriverWait(browser, WAIT)
        .until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
  }

  private static WebElement present(String css) {
    return new WebDriverWait(browser, WAIT)
        .until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(css)));
  }

  private static void waitForText(String css, String text) {
    new WebDriverWait(browser, WAIT)
        .until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(css), text));
  }

  private static void screenshot(String name) {
    try {
      Files.createDirectories(SCREENSHOTS);
      Files.write(SCREENSHOTS.resolve(name + ".png"), browser.getScreenshotAs(OutputType.BYTES));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
