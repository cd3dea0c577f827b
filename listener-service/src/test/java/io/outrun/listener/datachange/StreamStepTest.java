package io.outrun.listener.datachange;

import static org.assertj.core.api.Assertions.assertThat;

import io.outrun.listener.datachange.StreamStep.Change;
import io.outrun.listener.datachange.StreamStep.End;
import io.outrun.listener.datachange.StreamStep.Item;
import io.outrun.listener.datachange.StreamStep.Refresh;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

/** What a stream's items leave for the ones after them, as the stream's scan computes it. */
class StreamStepTest {

  private static Change change(String operationType) {
    return new Change(
        new ChangeEvent(
            "id-" + operationType,
            "{\"_data\": \"82AB\"}",
            operationType,
            Instant.EPOCH,
            Map.of("operationType", operationType)));
  }

  private static List<StreamStep> steps(Item... items) {
    return Flux.just(items).scan(StreamStep.START, StreamStep::next).skip(1).collectList().block();
  }

  @Test
  void aRefreshProbesOnlyWhenNoChangeWasHandledSinceTheLastOne() {
    List<StreamStep> steps =
        steps(new Refresh(), change("insert"), new Refresh(), new Refresh(), new Refresh());

    assertThat(steps).extracting(StreamStep::quiet).containsExactly(true, true, false, true, true);
  }

  @Test
  void anInvalidationIsHandledAsAChangeButADropBeforeItIsNot() {
    List<StreamStep> dropped = steps(change("drop"), new Refresh());
    List<StreamStep> invalidated = steps(change("invalidate"), new Refresh());

    assertThat(dropped.getLast().quiet()).isTrue();
    assertThat(invalidated.getLast().quiet()).isFalse();
  }

  @Test
  void anInvalidationKnowsTheDropOrRenameBeforeItAndForgetsItAfter() {
    List<StreamStep> steps =
        steps(change("rename"), new Refresh(), change("invalidate"), change("insert"));

    assertThat(steps)
        .extracting(StreamStep::ending)
        .containsExactly(null, "rename", "rename", null);
  }

  @Test
  void aStreamEndsAfterAnInvalidationOrTheServersEnd() {
    assertThat(StreamStep.endsStream(change("invalidate"))).isTrue();
    assertThat(StreamStep.endsStream(new End())).isTrue();
    assertThat(StreamStep.endsStream(change("drop"))).isFalse();
    assertThat(StreamStep.endsStream(new Refresh())).isFalse();
  }

  @Test
  void aStoppedStreamSaysSoAndCompletesItsStopping() {
    TriggerStream stream = new TriggerStream(null, null);
    assertThat(stream.stopped()).isFalse();

    stream.stop();

    assertThat(stream.stopped()).isTrue();
    assertThat(stream.stopping().hasElement().block()).isFalse();
  }
}
