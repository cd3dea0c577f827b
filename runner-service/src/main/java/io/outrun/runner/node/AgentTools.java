package io.outrun.runner.node;

import io.outrun.runner.expression.Templates;
import io.outrun.runner.subflow.ChildWorkflows;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * Reads an {@code ai_agent}'s {@code data.tools} into {@link AgentTool}s: {@code {"kind": "http",
 * "name", "description", "method", "url", "headers", "body", "parameters", "timeoutMs"}} ({@link
 * HttpTool}) and {@code {"kind": "workflow", "name", "description", "workflowId", "parameters",
 * "timeoutMs"}} ({@link WorkflowTool}). Every problem is an {@link IllegalArgumentException} naming
 * the tool.
 */
@Component
final class AgentTools {

  static final int MAX_TOOLS = 32;
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");
  private static final Map<String, Object> NO_ARGUMENTS =
      Map.of("type", "object", "properties", Map.of());
  private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

  private final HttpExchanges exchanges;
  private final Templates templates;
  private final ChildWorkflows children;

  AgentTools(HttpExchanges exchanges, Templates templates, ChildWorkflows children) {
    this.exchanges = exchanges;
    this.templates = templates;
    this.children = children;
  }

  List<AgentTool> of(Object config) {
    if (config == null) {
      return List.of();
    }
    if (!(config instanceof List<?> items) || items.size() > MAX_TOOLS) {
      throw new IllegalArgumentException("tools must be a list of at most " + MAX_TOOLS + " tools");
    }
    List<AgentTool> tools = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (int i = 0; i < items.size(); i++) {
      String field = "tools[" + i + "]";
      if (!(items.get(i) instanceof Map<?, ?> tool)) {
        throw new IllegalArgumentException(field + " must be an object");
      }
      AgentTool parsed = tool(field, tool);
      String name = parsed.signature().name();
      if (!names.add(name)) {
        throw new IllegalArgumentException(field + ": a second tool named " + name);
      }
      tools.add(parsed);
    }
    return List.copyOf(tools);
  }

  private AgentTool tool(String field, Map<?, ?> tool) {
    String kind = text(tool.get("kind"), "http");
    if (!"http".equals(kind) && !"workflow".equals(kind)) {
      throw new IllegalArgumentException(field + ".kind must be http or workflow");
    }
    String name = text(tool.get("name"), "");
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(field + ".name must be 1 to 64 letters, digits, _ or -");
    }
    String description = text(tool.get("description"), "");
    Object parameters = tool.get("parameters");
    var signature =
        new ToolSignature(
            name,
            description,
            JsonSchemaCheck.of(
                field + ".parameters", parameters == null ? NO_ARGUMENTS : parameters));
    Duration timeout = HttpCalls.timeout(tool.get("timeoutMs"));
    if ("workflow".equals(kind)) {
      if (!(tool.get("workflowId") instanceof String workflowId) || workflowId.isBlank()) {
        throw new IllegalArgumentException(field + ".workflowId is required");
      }
      return new WorkflowTool(new WorkflowTool.Spec(signature, workflowId, timeout), children);
    }
    String method = text(tool.get("method"), "GET").trim().toUpperCase(Locale.ROOT);
    if (!HttpCalls.METHODS.contains(method)) {
      throw new IllegalArgumentException(field + ".method: unsupported method " + method);
    }
    String url = text(tool.get("url"), "");
    if (url.isBlank()) {
      throw new IllegalArgumentException(field + ".url is required");
    }
    var spec =
        new HttpTool.Spec(
            signature,
            method,
            url,
            tool.get("headers"),
            tool.get("body"),
            timeout == null ? DEFAULT_TIMEOUT : timeout);
    return new HttpTool(spec, exchanges, templates);
  }

  private static String text(Object value, String absent) {
    return value == null ? absent : String.valueOf(value);
  }
}
