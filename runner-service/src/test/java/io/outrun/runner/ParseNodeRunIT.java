package io.outrun.runner;

import static io.outrun.runner.RunFixtures.edge;
import static io.outrun.runner.RunFixtures.node;
import static org.assertj.core.api.Assertions.assertThat;

import io.outrun.bus.EventPublisher;
import io.outrun.events.RunRequested;
import io.outrun.nodes.NodeTypeCatalogue;
import io.outrun.runner.node.NodeExecutor;
import io.outrun.runner.node.NodeExecutors;
import io.outrun.testing.TestInfraInitializer;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.test.context.ContextConfiguration;

/**
 * The runner executes exactly the node type catalogue's types, and a {@code parse} node's output
 * (or its error) is recorded in the run like any step's.
 */
@SpringBootTest
@ContextConfiguration(initializers = TestInfraInitializer.class)
@Import(TestNodes.class)
class ParseNodeRunIT {

  @Autowired EventPublisher publisher;
  @Autowired ReactiveMongoTemplate mongo;
  @Autowired NodeExecutors executors;
  @Autowired List<NodeExecutor> beans;

  @Test
  void theRunnerExecutesEveryCatalogueTypeAndNoOther() {
    NodeTypeCatalogue catalogue = NodeTypeCatalogue.standard();
    assertThat(catalogue.types()).allMatch(executors::supports);
    List<String> production =
        beans.stream().filter(bean -> !isTestNode(bean)).map(NodeExecutor::type).toList();
    assertThat(production).containsExactlyInAnyOrderElementsOf(catalogue.types());
  }

  @Test
  void aParseNodesOutputFeedsTheNodesAfterIt() {
    RunFixtures runs = new RunFixtures(mongo, publisher);
    String workflowId =
        runs.saveWorkflow(
            List.of(
                node(
                    "p",
                    "parse",
                    new Document("format", "csv")
                        .append("input", "$trigger.name & ',3'")
                        .append(
                            "csv",
                            new Document("header", false).append("types", Map.of("1", "number")))),
                node(
                    "total",
                    "transform",
                    new Document("expression", "$steps.p.output.rows[0][1] * 2"))),
            List.of(edge("p", "total")),
            new Document());
    RunRequested request = RunFixtures.request(workflowId);

    runs.publish(request);

    Document run = runs.awaitEnded(request.runId());
    assertThat(run.getString("status")).isEqualTo("completed");
    List<Document> steps = run.getList("steps", Document.class);
    assertThat(steps.get(0).get("output", Document.class).getList("rows", List.class))
        .containsExactly(List.of("Ada", 3L));
    assertThat(((Number) steps.get(1).get("output")).intValue()).isEqualTo(6);
  }

  @Test
  void malformedTextFailsTheRunWithTheParseError() {
    RunFixtures runs = new RunFixtures(mongo, publisher);
    String workflowId =
        runs.saveWorkflow(
            List.of(
                node("p", "parse", new Document("format", "xml").append("input", "'<a><b></a>'"))),
            List.of(),
            new Document());
    RunRequested request = RunFixtures.request(workflowId);

    runs.publish(request);

    Document run = runs.awaitEnded(request.runId());
    assertThat(run.getString("status")).isEqualTo("failed");
    Document step = run.getList("steps", Document.class).getFirst();
    assertThat(step.getString("status")).isEqualTo("failed");
    assertThat(step.getString("error")).startsWith("node 'p': XML line 1, column ");
  }

  /** The executors the tests add (TestNodes), compiled with the tests. */
  private static boolean isTestNode(NodeExecutor bean) {
    return bean.getClass()
        .getProtectionDomain()
        .getCodeSource()
        .getLocation()
        .toString()
        .contains("test-classes");
  }
}
