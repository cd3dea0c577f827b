package io.outrun.runner.egress;

/** Why a guarded call produced no response; {@link #retryable()} says whether to try again. */
public final class EgressException extends RuntimeException {

  public enum Kind {
    /** The URL, a resolved address or a redirect target is not allowed. Never retried. */
    REFUSED(false),
    /** The response body exceeds the cap. Never retried. */
    TOO_LARGE(false),
    /** More redirects than allowed. Never retried. */
    TOO_MANY_REDIRECTS(false),
    /** Connect or response took longer than the timeout. Retried. */
    TIMEOUT(true),
    /** Connection refused or reset, DNS failure, premature close. Retried. */
    NETWORK(true);

    private final boolean retryable;

    Kind(boolean retryable) {
      this.retryable = retryable;
    }
  }

  private final Kind kind;

  public EgressException(Kind kind, String message) {
    this(kind, message, null);
  }

  public EgressException(Kind kind, String message, Throwable cause) {
    super(message, cause, false, false);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }

  public boolean retryable() {
    return kind.retryable;
  }
}
