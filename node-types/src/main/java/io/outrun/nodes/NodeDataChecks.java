package io.outrun.nodes;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * A node's {@code data} checked against its type's schema in the catalogue (networknt
 * json-schema-validator, draft 2020-12), every problem as a path within the data ({@code url},
 * {@code csv.delimiter}, {@code headers.X-Id}) and a message. The schemas are compiled once. An
 * {@code ai_agent}'s data is also held to what its schema cannot say ({@link AiAgentDataRule}).
 */
public final class NodeDataChecks {

  /**
   * One problem of a node's data: {@code path} is relative to {@code data}, empty for all of it.
   */
  public record DataProblem(String path, String message) {}

  private static final ObjectMapper JSON = JsonMapper.builder().build();

  private final Map<String, Schema> schemas;

  public NodeDataChecks(NodeTypeCatalogue catalogue) {
    SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    this.schemas =
        catalogue.all().stream()
            .collect(
                Collectors.toUnmodifiableMap(
                    NodeType::type, type -> registry.getSchema(type.dataSchema())));
    warmUp();
  }

  /**
   * Reads one message of each schema now: the validator loads its message bundle from the jar on
   * first use, which must not happen later on a request's (non-blocking) thread.
   */
  private void warmUp() {
    schemas
        .values()
        .forEach(
            schema ->
                schema.validate(JsonNodeFactory.instance.numberNode(0)).forEach(Error::getMessage));
  }

  /** The problems of {@code data} (null reads as {}); empty for an unknown type. */
  public List<DataProblem> check(String type, Object data) {
    Schema schema = type == null ? null : schemas.get(type);
    if (schema == null) {
      return List.of();
    }
    JsonNode tree = data == null ? JsonNodeFactory.instance.objectNode() : JSON.valueToTree(data);
    Set<String> named = new HashSet<>();
    Stream<DataProblem> rules =
        AiAgentDataRule.TYPE.equals(type) ? AiAgentDataRule.check(data).stream() : Stream.empty();
    return Stream.concat(schema.validate(tree).stream().map(NodeDataChecks::problem), rules)
        .filter(problem -> named.add(problem.path())) // one per path: anyOf answers for each branch
        .toList();
  }

  private static DataProblem problem(Error error) {
    String at = pointerPath(error.getInstanceLocation().toString());
    String property = error.getProperty();
    if ("required".equals(error.getKeyword()) && property != null) {
      return new DataProblem(join(at, property), "is required");
    }
    if ("additionalProperties".equals(error.getKeyword()) && property != null) {
      return new DataProblem(join(at, property), "is not a setting here");
    }
    return new DataProblem(at, Optional.ofNullable(error.getMessage()).orElse("is invalid"));
  }

  /** {@code $.csv.delimiter} or {@code /csv/delimiter} as {@code csv.delimiter}. */
  private static String pointerPath(String location) {
    String path = location.startsWith("$") ? location.substring(1) : location;
    path = path.replace('/', '.');
    return path.startsWith(".") ? path.substring(1) : path;
  }

  private static String join(String at, String property) {
    return at.isEmpty() ? property : at + "." + property;
  }
}
