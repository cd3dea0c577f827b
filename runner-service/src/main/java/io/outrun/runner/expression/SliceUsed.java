package io.outrun.runner.expression;

import com.dashjoin.jsonata.JException;

/**
 * An evaluation on the short-lived expression threads that used its CPU slice: the {@link
 * EvaluationExecutor} starts it over on the long-running threads. Never shown to a user. A {@link
 * JException}, so JSONata passes it through as it is.
 */
final class SliceUsed extends JException {

  SliceUsed() {
    super("the evaluation used its slice", -1);
  }
}
