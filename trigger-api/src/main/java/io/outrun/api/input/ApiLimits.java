package io.outrun.api.input;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code outrun.api.limits.*}: how much one request or one workspace may hold. The JSON reader's
 * limits ({@code max-json-*}, {@code max-string-length}, {@code max-key-length}, {@code
 * max-number-length}) refuse a hostile document while it is read, before it is materialised; the
 * others are checked on the decoded request. Every refusal is a 400 naming the limit, except the
 * per-workspace counts, which are a 409 (the request is fine, the workspace is full). Defaults and
 * why: trigger-api/docs/input-and-auth.md, "Limits".
 *
 * @param maxNodes nodes in one workflow
 * @param maxEdges edges in one workflow
 * @param maxWorkflowSize a workflow's name, nodes, edges and settings as JSON
 * @param maxJsonDepth nesting of objects and arrays in any request body
 * @param maxJsonTokens JSON tokens (values, keys, brackets) in any request body
 * @param maxStringLength characters of any string value in any request body
 * @param maxKeyLength characters of any object key in any request body
 * @param maxNumberLength characters of any number in any request body
 * @param maxNameLength characters of a workflow's or a trigger's name
 * @param maxIdLength characters of a node's id and type, an edge's id, ends and handles, a
 *     trigger's type
 * @param maxWorkflowsPerWorkspace workflows a workspace may have that are not archived
 * @param maxTriggersPerWorkspace triggers a workspace may have
 */
@ConfigurationProperties("outrun.api.limits")
public record ApiLimits(
    @DefaultValue("1000") int maxNodes,
    @DefaultValue("2000") int maxEdges,
    @DefaultValue("512KB") DataSize maxWorkflowSize,
    @DefaultValue("64") int maxJsonDepth,
    @DefaultValue("200000") long maxJsonTokens,
    @DefaultValue("100000") int maxStringLength,
    @DefaultValue("1024") int maxKeyLength,
    @DefaultValue("100") int maxNumberLength,
    @DefaultValue("200") int maxNameLength,
    @DefaultValue("200") int maxIdLength,
    @DefaultValue("1000") int maxWorkflowsPerWorkspace,
    @DefaultValue("1000") int maxTriggersPerWorkspace) {

  public ApiLimits {
    atLeastOne("max-nodes", maxNodes);
    atLeastOne("max-edges", maxEdges);
    atLeastOne("max-workflow-size", maxWorkflowSize.toBytes());
    atLeastOne("max-json-depth", maxJsonDepth);
    atLeastOne("max-json-tokens", maxJsonTokens);
    atLeastOne("max-string-length", maxStringLength);
    atLeastOne("max-key-length", maxKeyLength);
    atLeastOne("max-number-length", maxNumberLength);
    atLeastOne("max-name-length", maxNameLength);
    atLeastOne("max-id-length", maxIdLength);
    atLeastOne("max-workflows-per-workspace", maxWorkflowsPerWorkspace);
    atLeastOne("max-triggers-per-workspace", maxTriggersPerWorkspace);
  }

  private static void atLeastOne(String key, long value) {
    if (value < 1) {
      throw new IllegalArgumentException("outrun.api.limits." + key + " must be at least 1");
    }
  }
}
