package io.outrun.api.run;

import java.util.List;
import java.util.Map;
import org.springframework.http.codec.ServerSentEvent;

/**
 * What one read of a watched run sends, as server-sent events: the first read is the {@code
 * snapshot}, each later change a {@code run}, and a run that has ended adds {@code end}; the read
 * made when the stream's time is up is a last {@code snapshot} (no {@code end}: the run goes on,
 * and the client may open a new stream). Pure.
 */
final class RunEventFrames {

  static final String SNAPSHOT = "snapshot";
  static final String RUN = "run";
  static final String END = "end";

  private RunEventFrames() {}

  /** Why a watched run was read. */
  enum Cause {
    /** the run's shared reading: the first read, a change, a recheck */
    READ,
    /** the stream's time is up */
    DEADLINE
  }

  /** One read of the run. */
  record Read(Cause cause, RunView view) {

    /** The last read a stream sends: the run has ended, or the stream's time is up. */
    boolean last() {
      return cause == Cause.DEADLINE || terminal();
    }

    boolean terminal() {
      return view.status() != null && TERMINAL.contains(view.status());
    }

    /** What tells two reads apart: the run's JSON; a deadline read always differs. */
    Object key() {
      return cause == Cause.DEADLINE ? this : view;
    }
  }

  private static final List<String> TERMINAL = List.of("completed", "failed", "cancelled");

  /** The events of the {@code index}th read the stream sends (0 is the first). */
  static List<ServerSentEvent<Object>> of(long index, Read read) {
    String name = index == 0 || read.cause() == Cause.DEADLINE ? SNAPSHOT : RUN;
    ServerSentEvent<Object> state = event(name, read.view());
    if (!read.terminal()) {
      return List.of(state);
    }
    return List.of(
        state, event(END, Map.of("runId", read.view().id(), "status", read.view().status())));
  }

  /** The {@code :} comment an idle stream sends now and then. */
  static ServerSentEvent<Object> heartbeat() {
    return ServerSentEvent.builder().comment("heartbeat").build();
  }

  private static ServerSentEvent<Object> event(String name, Object data) {
    return ServerSentEvent.builder(data).event(name).build();
  }
}
