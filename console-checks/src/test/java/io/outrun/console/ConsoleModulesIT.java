package io.outrun.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The console's pure modules, imported in the browser from the console's own origin: the graph
 * edits, the mapping of the API's field errors to nodes and edges, and the form built from a node
 * type's JSON Schema (which the journey in {@link ConsoleBrowserIT} reaches only where the server
 * serves {@code GET /api/node-types}).
 */
class ConsoleModulesIT {

  private static ChromeDriver browser;

  @BeforeAll
  static void openTheConsole() {
    browser = Chromium.start();
    browser.get(ConsoleStack.shared().url());
  }

  @AfterAll
  static void close() {
    if (browser != null) {
      browser.quit();
    }
  }

  @Test
  void anEdgeToItselfOrOneThatExistsIsRefused() {
    Object answer =
        run(
            "editor/graph.js",
            """
            let g = {nodes: [], edges: []};
            g = m.addNode(g, 'log', {x: 0, y: 0}).graph;
            g = m.addNode(g, 'log', {x: 200, y: 0}).graph;
            const first = m.connect(g, 'log_1', 'log_2');
            return [g.nodes.map(n => n.id), first.edge.id,
                    m.connect(g, 'log_1', 'log_1').refused,
                    m.connect(first.graph, 'log_1', 'log_2').refused];
            """);

    assertThat(answer)
        .isEqualTo(
            List.of(
                List.of("log_1", "log_2"),
                "e_log_1_log_2",
                "A node cannot connect to itself.",
                "log_1 already connects to log_2."));
  }

  @Test
  void removingANodeRemovesItsEdges() {
    Object answer =
        run(
            "editor/graph.js",
            """
            let g = {nodes: [{id: 'a', position: {x: 0, y: 0}}, {id: 'b', position: {x: 0, y: 0}},
                             {id: 'c', position: {x: 0, y: 0}}],
                     edges: [{id: 'e1', source: 'a', target: 'b'}, {id: 'e2', source: 'b', target: 'c'},
                             {id: 'e3', source: 'a', target: 'c'}]};
            return m.removeNode(g, 'b').edges.map(e => e.id);
            """);

    assertThat(answer).isEqualTo(List.of("e3"));
  }

  @Test
  void fieldErrorsGoToTheNodesAndEdgesTheyNameAndTheRestToTheWorkflow() {
    Object answer =
        run(
            "editor/graph.js",
            """
            const r = m.errorsByTarget([
              {field: 'nodes[fetch].data.url', message: 'is required'},
              {field: 'nodes[a.b]', message: 'node is not connected to any other node'},
              {field: 'edges[e1].target', message: "node 'x' does not exist"},
              {field: 'settings.timeoutMs', message: 'too long'}]);
            return [r.nodes.get('fetch'), r.nodes.get('a.b'), r.edges.get('e1'),
                    r.other.map(e => e.field)];
            """);

    assertThat(answer)
        .isEqualTo(
            List.of(
                List.of(Map.of("field", "data.url", "message", "is required")),
                List.of(Map.of("field", "", "message", "node is not connected to any other node")),
                List.of(Map.of("field", "target", "message", "node 'x' does not exist")),
                List.of("settings.timeoutMs")));
  }

  @Test
  void theSchemaFormHasALabelledControlPerPropertyAndEditsTheData() {
    Object answer =
        run(
            "editor/schema-form.js",
            """
            const schema = {type: 'object', required: ['url'], properties: {
              method: {enum: ['GET', 'POST'], title: 'Method'},
              url: {type: 'string', title: 'URL', description: 'where to send it'},
              timeoutMs: {type: 'integer', minimum: 1},
              follow: {type: 'boolean'},
              headers: {type: 'object'}}};
            let changed = null;
            const form = m.schemaForm(schema, {method: 'GET', keep: 1}, d => { changed = d; },
              [{field: 'data.url', message: 'is required'}]);
            document.body.append(form);
            const controls = [...form.querySelectorAll('input, select, textarea')].map(c =>
              [c.name, c.type, c.closest('label').querySelector('.label').textContent]);
            const url = form.querySelector('[name="data.url"]');
            const invalid = url.getAttribute('aria-invalid');
            url.value = 'https://example.org';
            url.dispatchEvent(new Event('change'));
            const timeout = form.querySelector('[name="data.timeoutMs"]');
            form.remove();
            return [controls, invalid, changed, timeout.min];
            """);

    assertThat(answer)
        .isEqualTo(
            List.of(
                List.of(
                    List.of("data.method", "select-one", "Method"),
                    List.of("data.url", "text", "URL *"),
                    List.of("data.timeoutMs", "number", "timeoutMs"),
                    List.of("data.follow", "checkbox", "follow"),
                    List.of("data.headers", "textarea", "headers")),
                "true",
                Map.of("method", "GET", "keep", 1L, "url", "https://example.org"),
                "1"));
  }

  @Test
  void aStepsBarStartsAtItsOffsetInTheRunAndSpansItsDuration() {
    Object answer =
        run(
            "runs/step-timeline.js",
            """
            const run = {startedAt: '2026-01-01T00:00:00Z', finishedAt: '2026-01-01T00:00:10Z', steps: [
              {nodeId: 'a', status: 'completed', attempts: 1, startedAt: '2026-01-01T00:00:00Z', durationMs: 2500},
              {nodeId: 'b', status: 'failed', attempts: 3, startedAt: '2026-01-01T00:00:05Z', durationMs: 5000},
              {nodeId: 'c', status: 'skipped'}]};
            const bars = m.timelineBars(run);
            const unit = bars[1].width / 5000;
            return [bars.map(b => b.nodeId), bars[0].x, Math.round(bars[1].x / unit),
                    Math.round(bars[0].width / unit), bars[1].attempts];
            """);

    assertThat(answer).isEqualTo(List.of(List.of("a", "b"), 0L, 5000L, 2500L, 3L));
  }

  @Test
  void anIntervalIsDescribedInItsLargestWholeUnit() {
    Object answer =
        run(
            "triggers/schedule-form.js",
            "return [300, 90, 3600, 7200, 86400].map(m.intervalDescription);");

    assertThat(answer)
        .isEqualTo(
            List.of(
                "every 5 minutes", "every 90 seconds", "every hour", "every 2 hours", "every day"));
  }

  @Test
  void theOutcomeBarsStackEachOutcomeOnTheOnesBelowIt() {
    Object answer =
        run(
            "stats/charts.js",
            """
            const series = {buckets: [
              {start: '2026-01-01T00:00:00Z', completed: 3, failed: 1, cancelled: 0},
              {start: '2026-01-01T01:00:00Z', completed: 0, failed: 2, cancelled: 1}]};
            return [m.stackedOutcomes(series), m.outcomeSummary(series)];
            """);

    assertThat(answer)
        .isEqualTo(
            List.of(
                List.of(
                    List.of(1767225600L, 1767229200L),
                    List.of(3L, 0L),
                    List.of(4L, 2L),
                    List.of(4L, 3L)),
                "3 completed, 3 failed, 1 cancelled"));
  }

  @Test
  void theKafkaTopicFormBuildsItsConfigAndTheTypeIsOfferedToMakeAndToFilterRuns() {
    Object answer =
        run(
            "triggers/trigger-forms.js",
            """
            const given = m.configForm('kafka_topic',
              {topic: 'orders', filter: 'value.total > 100', startFrom: 'earliest'});
            const typed = m.configForm('kafka_topic', {});
            typed.element.querySelector('#trigger-topic').value = ' orders ';
            typed.element.querySelector('#trigger-cluster').value = 'partners';
            return import('/console/js/pages/runs.js').then(runs => [given.config(),
              typed.config(), m.TYPES.includes('kafka_topic'), runs.TRIGGER_TYPES]);
            """);

    assertThat(answer)
        .isEqualTo(
            List.of(
                Map.of("topic", "orders", "filter", "value.total > 100", "startFrom", "earliest"),
                Map.of("topic", "orders", "cluster", "partners", "startFrom", "created"),
                true,
                List.of(
                    "webhook", "schedule", "data_change", "dependency", "kafka_topic", "manual")));
  }

  @Test
  void thePkceChallengeIsTheS256OfTheVerifierAsRfc7636Computes() {
    Object answer =
        run(
            "oidc/pkce.js",
            """
            const verifier = m.randomValue(32);
            return Promise.all([m.challenge('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk'),
                                verifier.length, /^[A-Za-z0-9_-]+$/.test(verifier),
                                verifier === m.randomValue(32)]);
            """);

    assertThat(answer)
        .isEqualTo(List.of("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM", 43L, true, false));
  }

  @Test
  void theRedirectBackGivesItsCodeOnlyForTheStateThisTabSent() {
    Object answer =
        run(
            "oidc/pkce.js",
            """
            const back = (q) => new URLSearchParams(q);
            return [m.checkCallback(back('code=c1&state=s1'), 's1'),
                    m.checkCallback(back('code=c1&state=other'), 's1').refused,
                    m.checkCallback(back('code=c1&state=s1'), null).refused,
                    m.checkCallback(back('error=access_denied&state=s1'), 's1').refused,
                    m.isCallback(back('code=c1')), m.isCallback(back('error=x&state=s1')),
                    new URL(m.authorizeUrl('https://idp.example/authorize?tenant=t', {clientId: 'c',
                      redirectUri: 'https://console.example/', scopes: 'openid profile',
                      codeChallenge: 'ch', state: 's'})).search];
            """);

    assertThat(answer)
        .isEqualTo(
            List.of(
                Map.of("code", "c1"),
                "The sign-in answer does not match the one this tab started: sign in again.",
                "No sign-in was started in this tab: sign in again.",
                "The identity provider refused the sign-in: access_denied",
                false,
                true,
                "?tenant=t&response_type=code&client_id=c&redirect_uri=https%3A%2F%2Fconsole.example%2F"
                    + "&scope=openid+profile&code_challenge=ch&code_challenge_method=S256&state=s"));
  }

  /** Imports js/{module} as m and returns what {@code body} returns. */
  private Object run(String module, String body) {
    return browser.executeAsyncScript(
        "const done = arguments[arguments.length - 1];"
            + "import('/console/js/"
            + module
            + "').then(m => { "
            + body
            + " }).then(done, e => done('failed: ' + e));");
  }
}
