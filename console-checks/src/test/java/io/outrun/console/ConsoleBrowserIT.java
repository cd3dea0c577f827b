package io.outrun.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
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
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console in real Chromium against the whole stack: one user's journey, a step per test, in
 * order (each starts where the last ended). Screenshots of the pages go to docs/console/, which the
 * README shows.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserIT {

  private static final Path SCREENSHOTS = Path.of("..", "docs", "console");
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final Duration RUN_WAIT = Duration.ofSeconds(60);

  private static ConsoleStack stack;
  private static ChromeDriver browser;

  @BeforeAll
  static void startStackAndBrowser() {
    browser = Chromium.start(); // first: fails at once, saying how to install, when missing
    stack = ConsoleStack.shared();
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.quit();
    }
  }

  @Test
  @Order(1)
  void signsInWithADevTokenForAPickedWorkspaceAndUser() {
    browser.get(stack.url());
    // the sign-in form is drawn by the console's script, which may run after the page has loaded
    replaceText(waitFor("#signin-user"), "ada");
    replaceText(find("#signin-workspace"), "ws-console");
    screenshot("signin");

    find("#signin-dev").click();

    waitFor("#workflows");
    assertThat(find("#who").getText()).isEqualTo("ada · ws-console");
  }

  @Test
  @Order(2)
  void buildsATwoNodeWorkflowByDraggingFromThePaletteAndConnectingTheNodes() {
    find("#new-workflow").click();
    WebElement canvas = waitFor("#canvas");
    replaceText(find("#workflow-name"), "Console hello");

    dragFromPalette("log", canvas, -220, -120);
    dragFromPalette("transform", canvas, 60, -20);
    new Actions(browser)
        .clickAndHold(find("circle[data-port-of='log_1']"))
        .moveByOffset(20, 10)
        .moveToElement(find("g[data-node-id='transform_1']"))
        .release()
        .perform();

    waitFor("g[data-edge-id='e_log_1_transform_1']");
    find("g[data-node-id='log_1']").click();
    editNodeJson("{\"message\": \"Hello {{ $trigger.name }}\"}");
    find("#save").click();
    waitForText("#workflow-version", "v1");
    assertThat(browser.getCurrentUrl()).matches(".*#/workflows/[^/]+$");
  }

  @Test
  @Order(3)
  void aRefusedDeployShowsItsValidationErrorOnTheNodeItNames() {
    find("#deploy").click();

    waitFor("g[data-node-id='transform_1'].invalid");
    assertThat(find("#problems").getText())
        .contains("cannot be deployed")
        .contains("nodes[transform_1].data.expression");
    assertThat(find("g[data-node-id='transform_1']").getText()).contains("expression");
    assertThat(find("g[data-node-id='log_1']").getAttribute("class")).doesNotContain("invalid");
    find("g[data-node-id='transform_1']").click();
    waitFor("#node-problems");
    browser.executeScript("window.scrollTo(0, 0)");
    screenshot("editor-validation");
  }

  @Test
  @Order(4)
  void aFixedNodeIsSavedAsTheNextVersionAndItsTestRunCompletes() {
    editNodeJson("{\"expression\": \"$uppercase($steps.log_1.output.message)\"}");
    find("#save").click();
    waitForText("#workflow-version", "v2");
    assertThat(browser.findElements(By.cssSelector("g.node.invalid"))).isEmpty();

    replaceText(find("#run-input"), "{\"name\": \"Ada\"}");
    find("#test-run").click();

    new WebDriverWait(browser, RUN_WAIT)
        .until(ExpectedConditions.textToBe(By.cssSelector("#run-status"), "completed"));
    assertThat(find("tr[data-step='transform_1']").getAttribute("textContent"))
        .contains("HELLO ADA");
    assertThat(find("#run-mode").getText()).isNotBlank();
    screenshot("test-run");
  }

  @Test
  @Order(5)
  void theTestedVersionDeploysAndThenRunsAsItself() {
    find("#deploy").click();

    waitForText("#workflow-status", "active");
    waitForText("#deployments", "v2");
    assertThat(find("#pause").isEnabled()).isTrue();
    find("#test-run").click();
    new WebDriverWait(browser, RUN_WAIT)
        .until(ExpectedConditions.textToBePresentInElementLocated(By.id("run"), "of v2:"));
    new WebDriverWait(browser, RUN_WAIT)
        .until(ExpectedConditions.textToBe(By.cssSelector("#run-status"), "completed"));
    browser.executeScript("window.scrollTo(0, 0)");
    screenshot("workflow");
  }

  @Test
  @Order(6)
  void theListShowsTheWorkflowsStatusVersionsAndSuccessRateOfItsRealRuns() {
    find("a[href='#/workflows']").click();

    WebElement row = waitFor("#workflows tr[data-workflow]");
    new WebDriverWait(browser, WAIT).until(d -> row.getText().contains("100% of 1"));
    assertThat(row.getText()).contains("Console hello", "active", "v2");
    screenshot("workflows");
  }

  @Test
  @Order(7)
  void thePagesBrokeNoContentSecurityPolicyRule() {
    List<String> violations =
        browser.manage().logs().get(LogType.BROWSER).getAll().stream()
            .map(LogEntry::getMessage)
            .filter(message -> message.contains("Content Security Policy"))
            .toList();

    assertThat(violations).isEmpty();
  }

  private void dragFromPalette(String type, WebElement canvas, int x, int y) {
    new Actions(browser)
        .clickAndHold(waitFor("button[data-node-type='" + type + "']"))
        .moveByOffset(30, 0)
        .moveToElement(canvas, x, y)
        .release()
        .perform();
    waitFor("g[data-node-id='" + type + "_1']");
  }

  /** Replaces the selected node's data in the raw JSON view; leaving the field applies it. */
  private void editNodeJson(String json) {
    WebElement raw = waitFor("#node-data-json");
    replaceText(raw, json);
    raw.sendKeys(Keys.TAB);
  }

  private void replaceText(WebElement input, String text) {
    input.sendKeys(Keys.chord(Keys.CONTROL, "a"), text);
  }

  private WebElement find(String css) {
    return browser.findElement(By.cssSelector(css));
  }

  private WebElement waitFor(String css) {
    return new WebDriverWait(browser, WAIT)
        .until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
  }

  private void waitForText(String css, String text) {
    new WebDriverWait(browser, WAIT)
        .until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(css), text));
  }

  private void screenshot(String name) {
    try {
      Files.createDirectories(SCREENSHOTS);
      Files.write(SCREENSHOTS.resolve(name + ".png"), browser.getScreenshotAs(OutputType.BYTES));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
