package io.outrun.runner.engine;

import io.outrun.runner.store.RunDocument;

/** How a run's steps ended: the run's final status and error. */
record Verdict(String status, String error) {

  static Verdict completed() {
    return new Verdict(RunDocument.COMPLETED, null);
  }

  static Verdict failed(String error) {
    return new Verdict(RunDocument.FAILED, error);
  }

  static Verdict cancelled() {
    return new Verdict(RunDocument.CANCELLED, "cancelled on request");
  }
}
