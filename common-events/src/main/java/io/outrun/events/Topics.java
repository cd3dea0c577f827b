package io.outrun.events;

import java.util.List;

/** Every Kafka topic Outrun uses, in one place. Keys are workflow ids. */
public final class Topics {

  /** {@link RunRequested}: trigger-api and listener-service to runner-service. */
  public static final String RUN_REQUESTS = "outrun.run-requests";

  /** {@link RunStarted} and {@link StepFinished}: progress for dashboards and live views. */
  public static final String RUN_PROGRESS = "outrun.run-progress";

  /** {@link RunCompleted}: runner-service to listener-service (dependency triggers) and others. */
  public static final String RUN_COMPLETIONS = "outrun.run-completions";

  /** Run requests that could not be read, with the reason in a header. */
  public static final String RUN_REQUESTS_DEAD_LETTER = deadLetterFor(RUN_REQUESTS);

  /** Run completions that could not be read, with the reason in a header. */
  public static final String RUN_COMPLETIONS_DEAD_LETTER = deadLetterFor(RUN_COMPLETIONS);

  /** Header on a dead-lettered record naming why it could not be read. */
  public static final String DEAD_LETTER_REASON_HEADER = "outrun-dead-letter-reason";

  /**
   * Header on a run request whose publisher records the run {@code queued} itself, naming that
   * publisher (trigger-api, for the runs its API accepts): the runner's recorder leaves such a
   * request alone instead of inserting a run that is there already.
   */
  public static final String RUN_RECORDED_BY_HEADER = "outrun-run-recorded-by";

  private Topics() {}

  public static List<String> all() {
    return List.of(
        RUN_REQUESTS,
        RUN_PROGRESS,
        RUN_COMPLETIONS,
        RUN_REQUESTS_DEAD_LETTER,
        RUN_COMPLETIONS_DEAD_LETTER);
  }

  /** Where a consumer of {@code topic} puts the records it cannot read. */
  public static String deadLetterFor(String topic) {
    return topic + ".dlt";
  }

  /** The topic an event belongs on. */
  public static String topicFor(OutrunEvent event) {
    return switch (event) {
      case RunRequested ignored -> RUN_REQUESTS;
      case RunStarted ignored -> RUN_PROGRESS;
      case StepFinished ignored -> RUN_PROGRESS;
      case RunCompleted ignored -> RUN_COMPLETIONS;
    };
  }
}
