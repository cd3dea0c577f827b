package io.outrun.api.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import io.outrun.api.error.FieldProblem;
import io.outrun.nodes.NodeTypeCatalogue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WorkflowGraphValidatorTest {

  private final WorkflowGraphValidator validator = new WorkflowGraphValidator();

  @Test
  void validGraphPasses() {
    Graph graph =
        new Graph()
            .node("n1", "http_request", Map.of("url", "https://example.org/x"))
            .node("n2", "condition", Map.of("expression", "$steps.n1.output.status = 200"))
            .node("n3", "delay", Map.of("ms", 1000))
            .node("n4", "ai_agent", Map.of("model", "gpt-4o-mini", "prompt", "Hi {{ $trigger }}"))
            .node("n5", "log", Map.of("message", "done"))
            .node("n6", "fail", Map.of())
            .edge("n1", "n2")
            .edge("n2", "n3")
            .edge("n2", "n6")
            .edge("n3", "n4")
            .edge("n4", "n5");

    assertThat(graph.validate()).isEmpty();
  }

  @Test
  void singleUnconnectedNodeIsNotAnOrphan() {
    assertThat(new Graph().node("n1", "log", Map.of("message", "hi")).validate()).isEmpty();
  }

  @Test
  void cycleIsReportedWithItsPath() {
    Graph graph =
        new Graph().node("n1", "log", msg()).node("n2", "log", msg()).node("n3", "log", msg());
    graph.edge("n1", "n2").edge("n2", "n3").edge("n3", "n2");

    assertThat(graph.validate())
        .containsExactly(new FieldProblem("nodes[n2]", "cycle: n2 -> n3 -> n2"));
  }

  @Test
  void selfLoopIsACycle() {
    Graph graph = new Graph().node("n1", "log", msg()).edge("n1", "n1");

    assertThat(graph.validate())
        .extracting(FieldProblem::message)
        .containsExactly("cycle: n1 -> n1");
  }

  @Test
  void nodeWithoutEdgesInALargerGraphIsAnOrphan() {
    Graph graph =
        new Graph()
            .node("n1", "log", msg())
            .node("n2", "log", msg())
            .node("n3", "log", msg())
            .edge("n1", "n2");

    assertThat(graph.validate())
        .containsExactly(new FieldProblem("nodes[n3]", "node is not connected to any other node"));
  }

  @Test
  void edgeToAMissingNodeNamesTheEdgeEnd() {
    Graph graph = new Graph().node("n1", "log", msg()).node("n2", "log", msg());
    graph.edge("n1", "n2").edge("n2", "ghost");

    assertThat(graph.validate())
        .containsExactly(new FieldProblem("edges[e2].target", "node 'ghost' does not exist"));
  }

  @Test
  void unknownNodeTypeIsRefused() {
    List<FieldProblem> problems = new Graph().node("n1", "teleport", Map.of()).validate();

    assertThat(problems).extracting(FieldProblem::field).containsExactly("nodes[n1].type");
    assertThat(problems.getFirst().message()).contains("teleport", "http_request");
  }

  @Test
  void requiredSettingsPerTypeAreChecked() {
    Graph graph =
        new Graph()
            .node("a", "http_request", Map.of())
            .node("b", "webhook", Map.of("url", " "))
            .node("c", "transform", Map.of())
            .node("d", "ai_agent", Map.of("model", "m"))
            .node("e", "log", Map.of())
            .edge("a", "b")
            .edge("b", "c")
            .edge("c", "d")
            .edge("d", "e");

    assertThat(graph.validate())
        .extracting(FieldProblem::field)
        .containsExactlyInAnyOrder(
            "nodes[a].data.url",
            "nodes[b].data.url",
            "nodes[c].data.expression",
            "nodes[d].data.prompt",
            "nodes[e].data.message");
  }

  @Test
  void expressionThatDoesNotParseAsJsonataIsRefused() {
    List<FieldProblem> problems =
        new Graph().node("n2", "transform", Map.of("expression", "$sum(1, ")).validate();

    assertThat(problems)
        .extracting(FieldProblem::field)
        .containsExactly("nodes[n2].data.expression");
    assertThat(problems.getFirst().message()).startsWith("is not a valid JSONata expression");
  }

  @Test
  void parseNodeDataIsCheckedByItsCatalogueSchema() {
    Graph graph =
        new Graph()
            .node(
                "p1", "parse", Map.of("format", "csv", "csv", Map.of("types", Map.of("a", "date"))))
            .node("p2", "parse", Map.of("format", "yaml"))
            .node("p3", "parse", Map.of("format", "json", "input", "$trigger.("))
            .node("p4", "parse", Map.of("format", "xml", "input", "$steps.fetch.output.body"))
            .edge("p1", "p2")
            .edge("p2", "p3")
            .edge("p3", "p4");

    assertThat(graph.validate())
        .extracting(FieldProblem::field)
        .containsExactly(
            "nodes[p1].data.csv.types.a", "nodes[p2].data.format", "nodes[p3].data.input");
  }

  @Test
  void anAgentsWorkflowToolIsAcceptedAndItsHttpToolsChecked() {
    Graph graph =
        new Graph()
            .node(
                "agent",
                "ai_agent",
                Map.of(
                    "model",
                    "gpt-4o-mini",
                    "prompt",
                    "hi",
                    "maxIterations",
                    99,
                    "tools",
                    List.of(
                        Map.of("kind", "workflow", "name", "sub", "workflowId", "wf-2"),
                        Map.of("name", "lookup"))));

    List<FieldProblem> problems = graph.validate();

    assertThat(problems)
        .extracting(FieldProblem::field)
        .containsExactlyInAnyOrder(
            "nodes[agent].data.maxIterations", "nodes[agent].data.tools.1.url");
  }

  @Test
  void deployAcceptsExactlyTheCatalogueTypes() {
    NodeTypeCatalogue catalogue = NodeTypeCatalogue.standard();
    assertThat(NodeSettingsRule.KNOWN_TYPES)
        .containsExactlyInAnyOrderElementsOf(catalogue.runnerTypes());
    assertThat(TriggerNodes.TYPES).containsExactlyElementsOf(catalogue.triggerTypes());
    catalogue.runnerTypes().stream()
        .map(type -> new Graph().node("n1", type, Map.of()))
        .forEach(
            graph ->
                assertThat(graph.validate())
                    .extracting(FieldProblem::field)
                    .doesNotContain("nodes[n1].type"));
  }

  @Test
  void aFieldRefusedByTheSchemaAndARuleIsNamedOnce() {
    assertThat(new Graph().node("n1", "log", Map.of("message", "m", "timeoutMs", "5")).validate())
        .extracting(FieldProblem::field)
        .containsExactly("nodes[n1].data.timeoutMs");
  }

  @Test
  void delayMustBeAWholeNumberWithinOneHour() {
    Graph graph =
        new Graph()
            .node("d1", "delay", Map.of("ms", "1000"))
            .node("d2", "delay", Map.of("ms", -1))
            .node("d3", "delay", Map.of("ms", 3_600_001))
            .node("d4", "delay", Map.of("ms", 3_600_000))
            .node("d5", "delay", Map.of("ms", 1.5))
            .node("d6", "delay", Map.of())
            .edge("d1", "d2")
            .edge("d2", "d3")
            .edge("d3", "d4")
            .edge("d4", "d5")
            .edge("d5", "d6");

    assertThat(graph.validate())
        .extracting(FieldProblem::field)
        .containsExactly(
            "nodes[d1].data.ms",
            "nodes[d2].data.ms",
            "nodes[d3].data.ms",
            "nodes[d5].data.ms",
            "nodes[d6].data.ms");
  }

  @Test
  void nodeTimeoutAndRetryOverridesFollowTheWorkflowSettingsRules() {
    Map<String, Object> data =
        Map.of(
            "message",
            "hi",
            "timeoutMs",
            0,
            "retry",
            Map.of("maxRetries", 11, "jitter", "sometimes"));

    assertThat(new Graph().node("n1", "log", data).validate())
        .extracting(FieldProblem::field)
        .containsExactly(
            "nodes[n1].data.timeoutMs",
            "nodes[n1].data.retry.maxRetries",
            "nodes[n1].data.retry.jitter");
  }

  @Test
  void validNodeOverridesPass() {
    Map<String, Object> data =
        Map.of(
            "url",
            "https://example.org",
            "timeoutMs",
            10_000,
            "retry",
            Map.of("maxRetries", 5, "backoffStrategy", "fixed"));

    assertThat(new Graph().node("n1", "http_request", data).validate()).isEmpty();
  }

  @Test
  void everyProblemIsReportedAtOnce() {
    Graph graph =
        new Graph()
            .node("n1", "http_request", Map.of())
            .node("n2", "condition", Map.of("expression", "((("))
            .node("n3", "mystery", Map.of())
            .node("n4", "log", msg())
            .edge("n1", "n2")
            .edge("n2", "n1")
            .edge("n3", "nowhere");

    assertThat(graph.validate())
        .extracting(FieldProblem::field)
        .containsExactlyInAnyOrder(
            "edges[e3].target",
            "nodes[n4]",
            "nodes[n1]",
            "nodes[n1].data.url",
            "nodes[n2].data.expression",
            "nodes[n3].type");
  }

  @Test
  void respondNodesOnExclusiveBranchesPass() {
    Graph graph =
        new Graph()
            .node("check", "condition", Map.of("expression", "$trigger.ok"))
            .node("yes", "respond", Map.of("status", 201, "headers", Map.of("X-A", "1")))
            .node("no", "respond", Map.of("status", "{{ $trigger.code }}", "body", "nope"))
            .edge("check", "yes")
            .edge("check", "no");

    assertThat(graph.validate()).isEmpty();
  }

  @Test
  void twoRespondNodesOnOnePathAreRefusedNamingTheLaterOne() {
    Graph graph =
        new Graph()
            .node("first", "respond", Map.of())
            .node("log", "log", msg())
            .node("second", "respond", Map.of())
            .edge("first", "log")
            .edge("log", "second");

    assertThat(graph.validate())
        .containsExactly(
            new FieldProblem(
                "nodes[second]", "a path may hold one respond node; 'first' answers before it"));
  }

  @Test
  void respondStatusMustBeAnHttpStatusAndHeadersAnObject() {
    Graph graph = new Graph().node("r", "respond", Map.of("status", 700, "headers", "X-A: 1"));

    assertThat(graph.validate())
        .extracting(FieldProblem::field)
        .containsExactlyInAnyOrder("nodes[r].data.status", "nodes[r].data.headers");
  }

  private static Map<String, Object> msg() {
    return Map.of("message", "hello");
  }

  /** Test data builder: nodes and edges, edges named e1, e2, ... in order. */
  private final class Graph {
    private final List<Node> nodes = new ArrayList<>();
    private final List<Edge> edges = new ArrayList<>();

    Graph node(String id, String type, Map<String, Object> data) {
      nodes.add(new Node(id, type, new Node.Position(0, 0), data));
      return this;
    }

    Graph edge(String source, String target) {
      edges.add(new Edge("e" + (edges.size() + 1), source, target, null, null));
      return this;
    }

    List<FieldProblem> validate() {
      return validator.validate(nodes, edges);
    }
  }
}
