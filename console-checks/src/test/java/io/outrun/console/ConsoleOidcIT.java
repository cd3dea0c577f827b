package io.outrun.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.outrun.infra.FreePorts;
import io.outrun.local.OutrunServices;
import io.outrun.testing.TestInfra;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The console signing in as production does: trigger-api alone in production auth (tokens from an
 * OIDC issuer, no dev tokens), the issuer a fake one on loopback ({@link FakeIssuer}). The user
 * presses "Sign in with …", the browser goes to the issuer and back with a code, the console
 * exchanges it with its PKCE verifier and shows the workspace's workflows.
 */
class ConsoleOidcIT {

  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final String WORKFLOW =
      "Nightly export " + UUID.randomUUID().toString().substring(0, 6);

  private static FakeIssuer issuer;
  private static ConfigurableApplicationContext api;
  private static String console;
  private static ChromeDriver browser;

  @BeforeAll
  static void startProductionApiAndIssuer() throws Exception {
    issuer = FakeIssuer.start("u-oidc", "ws-oidc");
    TestInfra infra = TestInfra.shared();
    int port = FreePorts.next();
    api =
        OutrunServices.startTriggerApi(
            Map.of(
                "server.port",
                String.valueOf(port),
                "spring.kafka.bootstrap-servers",
                infra.kafkaBootstrapServers(),
                "spring.mongodb.uri",
                infra.mongoConnectionString(),
                "spring.mongodb.database",
                "outrun-oidc-" + UUID.randomUUID().toString().substring(0, 8),
                "spring.security.oauth2.resourceserver.jwt.issuer-uri",
                issuer.issuer(),
                "spring.security.oauth2.resourceserver.jwt.jwk-set-uri",
                issuer.issuer() + "/jwks",
                "spring.security.oauth2.resourceserver.jwt.audiences",
                FakeIssuer.AUDIENCE,
                "outrun.console.oidc.client-id",
                FakeIssuer.CLIENT_ID,
                "outrun.console.oidc.scopes",
                "openid profile"));
    console = "http://localhost:" + port + "/";
    createWorkflow(WORKFLOW);
    browser = Chromium.start();
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.quit();
    }
    if (api != null) {
      api.close();
    }
    if (issuer != null) {
      issuer.close();
    }
  }

  @Test
  void theSignInButtonSignsInAtTheIssuerWithPkceAndShowsTheWorkflows() {
    browser.get(console);
    var button =
        new WebDriverWait(browser, WAIT)
            .until(ExpectedConditions.elementToBeClickable(By.id("signin-oidc")));
    assertThat(button.getText())
        .isEqualTo("Sign in with " + URI.create(issuer.issuer()).getAuthority());
    assertThat(browser.findElements(By.id("signin-dev")))
        .as("no dev tokens in production")
        .isEmpty();

    button.click();

    new WebDriverWait(browser, WAIT)
        .until(ExpectedConditions.textToBePresentInElementLocated(By.id("workflows"), WORKFLOW));
    assertThat(browser.findElement(By.id("who")).getText()).isEqualTo("u-oidc · ws-oidc");
    assertThat(browser.getCurrentUrl()).isEqualTo(console + "#/workflows").doesNotContain("code=");
    assertThat(issuer.tokensIssued()).isEqualTo(1);
    assertThat(
            browser.executeScript(
                "return sessionStorage.getItem('outrun.oidc.pending') === null"
                    + " && JSON.parse(sessionStorage.getItem('outrun.session')).userId"))
        .as("the verifier is used once and the token kept as the dev token is")
        .isEqualTo("u-oidc");
    assertThat(cspViolations()).isEmpty();
  }

  @Test
  void aRedirectBackThatThisTabDidNotStartIsRefusedWithoutCallingTheIssuer() {
    browser.get(console);
    browser.executeScript("sessionStorage.clear()");
    int before = issuer.tokensIssued();

    browser.get(console + "?code=stolen&state=forged");

    new WebDriverWait(browser, WAIT)
        .until(
            ExpectedConditions.textToBePresentInElementLocated(
                By.id("notice"), "No sign-in was started in this tab"));
    assertThat(browser.getCurrentUrl()).isEqualTo(console + "#/signin");
    assertThat(browser.findElement(By.id("who")).getText()).isEmpty();
    assertThat(issuer.tokensIssued()).isEqualTo(before);
  }

  private static void createWorkflow(String name) throws Exception {
    String body =
        """
        {"name": "%s", "nodes": [{"id": "greet", "type": "log", "position": {"x": 40, "y": 60},
         "data": {"message": "hello"}}], "edges": []}
        """
            .formatted(name);
    HttpResponse<String> created =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(console + "api/workflows"))
                    .timeout(WAIT)
                    .header("Authorization", "Bearer " + issuer.accessToken())
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
  }

  private static List<String> cspViolations() {
    return browser.manage().logs().get(LogType.BROWSER).getAll().stream()
        .map(LogEntry::getMessage)
        .filter(message -> message.contains("Content Security Policy"))
        .toList();
  }
}
