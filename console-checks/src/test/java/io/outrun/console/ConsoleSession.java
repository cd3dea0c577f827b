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
import org.awaitility.Awaitility;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One user signed in to the console in Chromium (a workspace of their own), with what the
 * operations tests share: waits, screenshots, the page's CSP violations, and API calls made from
 * the page with the user's token to set up workflows and runs.
 */
final class ConsoleSession implements AutoCloseable {

  static final Duration WAIT = Duration.ofSeconds(30);
  static final Duration RUN_WAIT = Duration.ofSeconds(90);
  private static final Path SCREENSHOTS = Path.of("..", "docs", "console");

  final ConsoleStack stack;
  final ChromeDriver browser;

  private ConsoleSession(ConsoleStack stack, ChromeDriver browser) {
    this.stack = stack;
    this.browser = browser;
  }

  /** A browser signed in with a dev token as {@code user} of {@code workspace}. */
  static ConsoleSession signIn(String user, String workspace) {
    ChromeDriver browser = Chromium.start(); // first: fails at once, saying how to install
    ConsoleSession session = new ConsoleSession(ConsoleStack.shared(), browser);
    session.open("");
    session.replaceText(session.waitFor("#signin-user"), user);
    session.replaceText(session.find("#signin-workspace"), workspace);
    session.find("#signin-dev").click();
    session.waitFor("#workflows");
    return session;
  }

  /** Lets the page read and write the clipboard (Chromium asks the user otherwise). */
  void grantClipboard() {
    browser.executeCdpCommand(
        "Browser.grantPermissions",
        Map.of(
            "origin",
            stack.url().replaceAll("/$", ""),
            "permissions",
            List.of("clipboardReadWrite", "clipboardSanitizedWrite")));
  }

  /** Opens a console route, e.g. {@code #/runs}. */
  void open(String hash) {
    browser.get(stack.url() + hash);
  }

  /** A draft of two nodes: a log step "greet", then a step "check" of {@code type}. */
  String createWorkflow(String name, String type, Map<String, Object> data) {
    Map<String, Object> greet =
        Map.of(
            "id",
            "greet",
            "type",
            "log",
            "position",
            Map.of("x", 40, "y", 60),
            "data",
            Map.of("message", "Hello {{ $trigger.body.name }}"));
    Map<String, Object> check =
        Map.of("id", "check", "type", type, "position", Map.of("x", 300, "y", 60), "data", data);
    Map<?, ?> workflow =
        api(
            "POST",
            "/api/workflows",
            Map.of(
                "name",
                name,
                "nodes",
                List.of(greet, check),
                "edges",
                List.of(Map.of("id", "e1", "source", "greet", "target", "check"))));
    return (String) workflow.get("id");
  }

  /** A run of the workflow (a test run of a draft, a manual run of an active one); its id. */
  String run(String workflowId) {
    return (String)
        api("POST", "/api/workflows/" + workflowId + "/runs", Map.of("input", Map.of()))
            .get("runId");
  }

  void awaitRun(String runId, String status) {
    Awaitility.await()
        .atMost(RUN_WAIT)
        .pollInterval(Duration.ofMillis(200))
        .until(() -> status.equals(api("GET", "/api/runs/" + runId, null).get("status")));
  }

  /** Calls the API from the page, with the signed-in user's token; the answer's JSON object. */
  Map<?, ?> api(String method, String path, Object body) {
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

  /** A POST of JSON from outside the browser, as a webhook sender makes it. */
  static HttpResponse<String> post(String url, String json) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }

  void replaceText(WebElement input, String text) {
    input.sendKeys(Keys.chord(Keys.CONTROL, "a"), text);
  }

  WebElement find(String css) {
    return browser.findElement(By.cssSelector(css));
  }

  List<WebElement> findAll(String css) {
    return browser.findElements(By.cssSelector(css));
  }

  WebElement waitFor(String css) {
    return new WebDriverWait(browser, WAIT)
        .until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
  }

  WebElement present(String css) {
    return new WebDriverWait(browser, WAIT)
        .until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(css)));
  }

  void waitForText(String css, String text) {
    new WebDriverWait(browser, WAIT)
        .until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(css), text));
  }

  /** The Content-Security-Policy violations Chromium logged so far. */
  List<String> cspViolations() {
    return browser.manage().logs().get(LogType.BROWSER).getAll().stream()
        .map(LogEntry::getMessage)
        .filter(message -> message.contains("Content Security Policy"))
        .toList();
  }

  void screenshot(String name) {
    try {
      Files.createDirectories(SCREENSHOTS);
      Files.write(SCREENSHOTS.resolve(name + ".png"), browser.getScreenshotAs(OutputType.BYTES));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    browser.quit();
  }
}
