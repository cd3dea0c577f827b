package io.outrun.runner.node;

import io.outrun.runner.usage.NodeUsage;
import java.time.Duration;
import java.util.Map;

/**
 * How one attempt at a node ended. Expected failures (a bad expression, a refused request, a 5xx)
 * are values; only broken infrastructure is an error signal.
 *
 * @see NodeExecutors#execute(NodeCall)
 */
public sealed interface NodeOutcome {

  /** The node's {@code data} with templates resolved, recorded as the step's input. */
  Map<String, Object> input();

  /** What the attempt consumed (HTTP calls, webhooks, AI tokens and cost). */
  NodeUsage usage();

  /**
   * The same outcome, its usage including {@code earlier} (what failed attempts before it spent).
   */
  default NodeOutcome withEarlier(NodeUsage earlier) {
    if (earlier.equals(NodeUsage.NONE)) {
      return this;
    }
    return switch (this) {
      case Succeeded(var input, var output, var usage) ->
          new Succeeded(input, output, earlier.plus(usage));
      case Failed(var input, var error, var retry, var usage) ->
          new Failed(input, error, retry, earlier.plus(usage));
    };
  }

  record Succeeded(Map<String, Object> input, Object output, NodeUsage usage)
      implements NodeOutcome {

    public Succeeded {
      usage = usage == null ? NodeUsage.NONE : usage;
    }

    public Succeeded(Map<String, Object> input, Object output) {
      this(input, output, NodeUsage.NONE);
    }
  }

  /**
   * @param retry whether another attempt may succeed (network errors, timeouts, 429, 5xx) and when
   *     the peer asked to be called again; expression errors, other 4xx and {@code fail} never
   */
  record Failed(Map<String, Object> input, String error, Retry retry, NodeUsage usage)
      implements NodeOutcome {

    public Failed {
      retry = retry == null ? Retry.NEVER : retry;
      usage = usage == null ? NodeUsage.NONE : usage;
    }

    public Failed(Map<String, Object> input, String error) {
      this(input, error, Retry.NEVER, NodeUsage.NONE);
    }
  }

  /**
   * Whether a failed attempt may be retried.
   *
   * @param notBefore the wait the peer asked for (its {@code Retry-After}), zero if none
   */
  record Retry(boolean allowed, Duration notBefore) {

    public static final Retry NEVER = new Retry(false, Duration.ZERO);
    public static final Retry ALLOWED = new Retry(true, Duration.ZERO);

    public Retry {
      notBefore = notBefore == null ? Duration.ZERO : notBefore;
    }

    public static Retry after(Duration notBefore) {
      return new Retry(true, notBefore);
    }
  }
}
