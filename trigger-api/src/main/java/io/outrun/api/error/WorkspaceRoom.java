package io.outrun.api.error;

import reactor.core.publisher.Mono;

/**
 * The refusal of a workspace that already holds as many of something as it may (triggers, enabled
 * triggers, workflows), so that every such limit answers alike: a 409 saying how many it has and
 * what to do, with the limit as the body's {@code limit}.
 */
public final class WorkspaceRoom {

  private WorkspaceRoom() {}

  /**
   * Completes empty while {@code held} is under {@code max}; else a 409 "The workspace has N {@code
   * things}, the most it may have; {@code remedy}." Checked before the write, not with it: two
   * requests racing for the last place can both pass.
   */
  public static Mono<Void> require(Mono<Long> held, int max, String things, String remedy) {
    return held.filter(count -> count >= max)
        .flatMap(
            count ->
                Mono.error(
                    ProblemException.conflict(
                            "The workspace has "
                                + count
                                + " "
                                + things
                                + ", the most it may have; "
                                + remedy
                                + ".")
                        .with("limit", max)));
  }
}
