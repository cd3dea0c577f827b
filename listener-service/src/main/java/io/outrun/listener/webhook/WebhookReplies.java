package io.outrun.listener.webhook;

import io.outrun.listener.registry.FireableTrigger;
import io.outrun.listener.reply.CompletionsReady;
import io.outrun.listener.reply.RunReply;
import io.outrun.listener.reply.RunWaiters;
import io.outrun.triggers.WebhookConfig;
import java.time.Duration;
import java.util.Optional;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Starts a webhook's run ({@link WebhookRuns}) and, for a trigger with {@code responseMode:
 * last_node}, waits for its result without holding a thread: a waiter is registered, and the
 * completions reader is reading ({@link CompletionsReady}: it pauses while nobody waits), before
 * the run request is published (none free: 503, nothing published), the answer is the run's result
 * if it ends within {@code responseTimeoutMs} ({@link RunReply}), else 202 with the run id. The
 * waiter is released however the request ends: answered, timed out, failed to publish, or the
 * client gone (the cancel reaches here through the response's subscription).
 */
@Component
class WebhookReplies {

  private final WebhookRuns runs;
  private final RunWaiters waiters;
  private final CompletionsReady completions;

  WebhookReplies(WebhookRuns runs, RunWaiters waiters, CompletionsReady completions) {
    this.runs = runs;
    this.waiters = waiters;
    this.completions = completions;
  }

  Mono<WebhookOutcome> start(
      FireableTrigger trigger, WebhookCall call, byte[] body, WebhookConfig config) {
    if (!config.response().waits()) {
      return runs.start(trigger, call, body, config.responseFormat(), WebhookRuns.NO_WAIT);
    }
    return runs.start(
        trigger,
        call,
        body,
        config.responseFormat(),
        (request, publishing) ->
            waitFor(request.runId(), trigger.workflowId(), publishing, config));
  }

  private Mono<WebhookOutcome> waitFor(
      String runId, String workflowId, Mono<WebhookOutcome> publishing, WebhookConfig config) {
    Optional<RunWaiters.Waiter> registered = waiters.register(runId, workflowId);
    if (registered.isEmpty()) {
      return Mono.just(
          new WebhookOutcome.Unavailable("Too many requests are waiting for their runs."));
    }
    RunWaiters.Waiter waiter = registered.get();
    Duration timeout = Duration.ofMillis(config.response().timeoutMs());
    return completions
        .ready()
        .then(publishing)
        .flatMap(
            outcome ->
                outcome instanceof WebhookOutcome.Accepted accepted
                    ? answer(waiter, accepted, timeout)
                    : Mono.just(outcome))
        .doFinally(signal -> waiter.close());
  }

  private static Mono<WebhookOutcome> answer(
      RunWaiters.Waiter waiter, WebhookOutcome.Accepted accepted, Duration timeout) {
    return waiter
        .reply()
        .<WebhookOutcome>map(
            reply ->
                switch (reply) {
                  case RunReply.Answer answer -> new WebhookOutcome.Replied(answer);
                  case RunReply.Failed failed -> new WebhookOutcome.RunFailed(failed);
                  case RunReply.Omitted omitted ->
                      new WebhookOutcome.TimedOut(accepted.runId(), accepted.format());
                })
        .timeout(
            timeout,
            Mono.fromSupplier(
                () -> new WebhookOutcome.TimedOut(accepted.runId(), accepted.format())));
  }
}
