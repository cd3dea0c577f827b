package io.outrun.runner.node;

import io.outrun.runner.expression.EvaluationExecutor;
import io.outrun.runner.expression.ExpressionException;
import io.outrun.runner.expression.Expressions;
import io.outrun.runner.parse.ParseOutcome;
import io.outrun.runner.parse.ParseSettings;
import io.outrun.runner.parse.TextParser;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * {@code parse}: the text {@code data.input} gives ({@code $trigger.body} by default) read as
 * {@code data.format} into JSON ({@link TextParser}), the step's output. A malformed text fails the
 * step, not retried, naming the line or path; the expression runs on the expression threads, the
 * parse (bounded by {@link ParseProperties}) on the bounded-elastic ones, never an event loop.
 */
@Component
@EnableConfigurationProperties(ParseProperties.class)
class ParseNode implements NodeExecutor {

  private final Expressions expressions;
  private final EvaluationExecutor evaluations;
  private final TextParser parser;

  ParseNode(Expressions expressions, EvaluationExecutor evaluations, ParseProperties properties) {
    this.expressions = expressions;
    this.evaluations = evaluations;
    this.parser = new TextParser(properties.limits());
  }

  @Override
  public String type() {
    return "parse";
  }

  @Override
  public Mono<NodeOutcome> execute(NodeCall call) {
    return switch (ParseSettings.read(call.data())) {
      case ParseSettings.Read.Invalid(String problem) -> failed(call, problem);
      case ParseSettings.Read.Valid(ParseSettings settings) ->
          evaluations
              .run(() -> input(call, settings))
              .flatMap(
                  input ->
                      switch (input) {
                        case Input.Failed(String error) -> failed(call, error);
                        case Input.Text(Object text) -> parse(call, settings, text);
                      });
    };
  }

  private Input input(NodeCall call, ParseSettings settings) {
    try {
      return new Input.Text(expressions.evaluate(settings.input(), call.context()));
    } catch (ExpressionException e) {
      return new Input.Failed(e.describeFor(call.nodeId()));
    }
  }

  private Mono<NodeOutcome> parse(NodeCall call, ParseSettings settings, Object text) {
    return Mono.fromCallable(() -> parser.parse(settings, text))
        .subscribeOn(Schedulers.boundedElastic())
        .map(
            outcome ->
                switch (outcome) {
                  case ParseOutcome.Parsed(Object value) ->
                      new NodeOutcome.Succeeded(call.data(), value);
                  case ParseOutcome.Refused(String reason) ->
                      new NodeOutcome.Failed(
                          call.data(), "node '" + call.nodeId() + "': " + reason);
                });
  }

  private static Mono<NodeOutcome> failed(NodeCall call, String error) {
    String message = error.startsWith("node '") ? error : "node '" + call.nodeId() + "': " + error;
    return Mono.just(new NodeOutcome.Failed(call.data(), message));
  }

  /** The text to parse, or why the input expression gave none. */
  private sealed interface Input {
    record Text(Object value) implements Input {}

    record Failed(String error) implements Input {}
  }
}
