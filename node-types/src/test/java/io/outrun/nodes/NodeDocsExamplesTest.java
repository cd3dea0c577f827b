package io.outrun.nodes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The example workflows of runner-service/README.md ("Node types") hold only catalogue types, each
 * node's data valid by its type's schema, so the docs and the catalogue cannot drift apart.
 */
class NodeDocsExamplesTest {

  private static final Path README = Path.of("..", "runner-service", "README.md");
  private static final Pattern JSON_BLOCK = Pattern.compile("```json\\n(.*?)```", Pattern.DOTALL);

  private final NodeTypeCatalogue catalogue = NodeTypeCatalogue.standard();
  private final NodeDataChecks checks = new NodeDataChecks(catalogue);

  @Test
  void everyExampleNodeIsACatalogueTypeWithValidData() throws IOException {
    List<JsonNode> nodes = exampleNodes();

    assertThat(nodes).hasSizeGreaterThan(10);
    for (JsonNode node : nodes) {
      String type = node.get("type").asString();
      assertThat(catalogue.find(type)).as("type of " + node).isPresent();
      assertThat(
              checks.check(
                  type, JsonMapper.builder().build().treeToValue(node.get("data"), Object.class)))
          .as(node.toString())
          .isEmpty();
    }
  }

  @Test
  void theExamplesShowEveryRunnerNodeType() throws IOException {
    assertThat(exampleNodes())
        .extracting(node -> node.get("type").asString())
        .containsAll(catalogue.runnerTypes());
  }

  private static List<JsonNode> exampleNodes() throws IOException {
    String readme = Files.readString(README);
    String section =
        readme.substring(readme.indexOf("## Node types"), readme.indexOf("## Secrets"));
    Matcher blocks = JSON_BLOCK.matcher(section);
    List<JsonNode> nodes = new ArrayList<>();
    while (blocks.find()) {
      JsonNode workflow = JsonMapper.builder().build().readTree(blocks.group(1));
      workflow.get("nodes").forEach(nodes::add);
    }
    return nodes;
  }
}
