package io.outrun.runner.egress;

import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.timeout.TimeoutException;

/** What a failed call means for the node: an {@link EgressException} that says if a retry helps. */
final class EgressErrors {

  private EgressErrors() {}

  /** Maps what Reactor Netty signals to an {@link EgressException}. */
  static EgressException classify(Throwable error) {
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      if (cause instanceof EgressException egress) {
        return egress;
      }
    }
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      if (cause instanceof TimeoutException
          || cause instanceof ConnectTimeoutException
          || cause instanceof java.util.concurrent.TimeoutException) {
        return new EgressException(EgressException.Kind.TIMEOUT, "timed out", error);
      }
    }
    String message =
        error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage();
    // connection refused or reset, premature close, TLS failures: another attempt may work
    return new EgressException(EgressException.Kind.NETWORK, message, error);
  }
}
