package io.outrun.triggers;

import com.fasterxml.jackson.annotation.JsonValue;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What a schedule does with an instant that comes while its previous run is still going: {@code
 * skip} it, hold one back until the previous run ends ({@code buffer_one}), or run it anyway
 * ({@code allow_all}). Pure: the listener's tick passes in what it knows.
 */
public enum OverlapPolicy implements WireName {
  SKIP("skip"),
  BUFFER_ONE("buffer_one"),
  ALLOW_ALL("allow_all");

  private final String wireName;

  OverlapPolicy(String wireName) {
    this.wireName = wireName;
  }

  @JsonValue
  @Override
  public String wireName() {
    return wireName;
  }

  /**
   * The outcome for one tick.
   *
   * @param fire the instants to run now, in order
   * @param skipped the instants not run, ever
   * @param bufferedAt the instant held back after this tick, or null
   * @param newlyBuffered the instant this tick held back, or null
   */
  public record Decision(
      List<Instant> fire, List<Instant> skipped, Instant bufferedAt, Instant newlyBuffered) {}

  /**
   * @param previousRunning whether the run this schedule started last is still queued or running
   * @param bufferedAt the instant held back by an earlier tick, or null
   * @param due this tick's instants, oldest first
   */
  public Decision decide(boolean previousRunning, Instant bufferedAt, List<Instant> due) {
    List<Instant> fire = new ArrayList<>();
    List<Instant> skipped = new ArrayList<>();
    boolean running = previousRunning;
    Instant held = bufferedAt;
    Instant newlyBuffered = null;
    if (held != null && !running) {
      fire.add(held);
      held = null;
      running = true;
    }
    for (Instant instant : due) {
      if (this == ALLOW_ALL || !running) {
        fire.add(instant);
        running = true;
      } else if (this == BUFFER_ONE && held == null) {
        held = instant;
        newlyBuffered = instant;
      } else {
        skipped.add(instant);
      }
    }
    return new Decision(List.copyOf(fire), List.copyOf(skipped), held, newlyBuffered);
  }
}
