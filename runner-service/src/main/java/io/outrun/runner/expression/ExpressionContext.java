package io.outrun.runner.expression;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * What expressions of one step can see: {@code $trigger} (the trigger payload, also the context
 * {@code $}), {@code $steps.<nodeId>.output} and {@code $run} ({@code id}, {@code workflowId}).
 * Templates also see the workspace secrets the node names, only as {@code {{ $secrets.NAME }}}
 * ({@link Templates}); expressions never do.
 *
 * @param stepOutputs outputs of the run's completed steps, by node id
 * @param secrets the values of the secrets the node references, by name (resolved for this call)
 * @param args the arguments of an AI agent's tool call, {@code $args} in the tool's templates
 *     (empty elsewhere)
 */
public record ExpressionContext(
    Map<String, Object> trigger,
    Map<String, Object> stepOutputs,
    String runId,
    String workflowId,
    Map<String, String> secrets,
    Map<String, Object> args) {

  public ExpressionContext {
    trigger = trigger == null ? Map.of() : trigger;
    stepOutputs = stepOutputs == null ? Map.of() : stepOutputs;
    secrets = secrets == null ? Map.of() : Map.copyOf(secrets);
    args = args == null ? Map.of() : args;
  }

  public ExpressionContext(
      Map<String, Object> trigger,
      Map<String, Object> stepOutputs,
      String runId,
      String workflowId,
      Map<String, String> secrets) {
    this(trigger, stepOutputs, runId, workflowId, secrets, Map.of());
  }

  public ExpressionContext(
      Map<String, Object> trigger,
      Map<String, Object> stepOutputs,
      String runId,
      String workflowId) {
    this(trigger, stepOutputs, runId, workflowId, Map.of());
  }

  /** The same context with these secret values. */
  public ExpressionContext withSecrets(Map<String, String> values) {
    return new ExpressionContext(trigger, stepOutputs, runId, workflowId, values, args);
  }

  /** The same context with a tool call's arguments as {@code $args}. */
  public ExpressionContext withArgs(Map<String, Object> values) {
    return new ExpressionContext(trigger, stepOutputs, runId, workflowId, secrets, values);
  }

  /** Never prints trigger data or secret values. */
  @Override
  public String toString() {
    return "ExpressionContext[run=" + runId + ", secrets=" + secrets.keySet() + "]";
  }

  /**
   * {@code $steps}: each output as {@code {"output": ...}}, a view over {@link #stepOutputs} rather
   * than a copy, so a step's evaluation costs nothing for the outputs it does not read.
   */
  Map<String, Object> steps() {
    return new StepsView();
  }

  /** Measured: its items are the outputs' and a {@code {"output": ...}} per step. */
  private final class StepsView extends AbstractMap<String, Object> implements Measured {

    private long items = -1;

    @Override
    public long items() {
      if (items < 0) {
        items = stepOutputs.size() + Measured.itemsOf(stepOutputs);
      }
      return items;
    }

    @Override
    public int size() {
      return stepOutputs.size();
    }

    @Override
    public boolean containsKey(Object nodeId) {
      return stepOutputs.containsKey(nodeId);
    }

    @Override
    public Object get(Object nodeId) {
      return containsKey(nodeId) ? step(stepOutputs.get(nodeId)) : null;
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
      return new AbstractSet<>() {
        @Override
        public int size() {
          return stepOutputs.size();
        }

        @Override
        public Iterator<Entry<String, Object>> iterator() {
          Iterator<Entry<String, Object>> outputs = stepOutputs.entrySet().iterator();
          return new Iterator<>() {
            @Override
            public boolean hasNext() {
              return outputs.hasNext();
            }

            @Override
            public Entry<String, Object> next() {
              Entry<String, Object> output = outputs.next();
              return new SimpleImmutableEntry<>(output.getKey(), step(output.getValue()));
            }
          };
        }
      };
    }
  }

  private static Map<String, Object> step(Object output) {
    return Collections.singletonMap("output", output);
  }

  Map<String, Object> run() {
    Map<String, Object> run = new LinkedHashMap<>();
    run.put("id", runId);
    run.put("workflowId", workflowId);
    return run;
  }
}
