package io.outrun.api.error;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

class WorkspaceRoomTest {

  @Test
  void aWorkspaceUnderItsLimitHasRoom() {
    StepVerifier.create(
            WorkspaceRoom.require(Mono.just(2L), 3, "triggers", "delete one to create another"))
        .verifyComplete();
  }

  @Test
  void aFullWorkspaceIsRefusedWithItsCountTheRemedyAndTheLimit() {
    StepVerifier.create(
            WorkspaceRoom.require(Mono.just(3L), 3, "enabled triggers", "disable one first"))
        .expectErrorSatisfies(
            error -> {
              ProblemException problem = (ProblemException) error;
              assertThat(problem.status()).isEqualTo(HttpStatus.CONFLICT);
              assertThat(problem.getMessage())
                  .isEqualTo(
                      "The workspace has 3 enabled triggers, the most it may have; disable one"
                          + " first.");
              assertThat(problem.properties()).containsExactly(Map.entry("limit", 3));
            })
        .verify();
  }
}
