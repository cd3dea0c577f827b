package io.outrun.local;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.slf4j.LoggerFactory;

/**
 * Log lines of some loggers as they are written: the message and the MDC of the writing thread,
 * read at once (a line's MDC is the thread's when it is written, not when the test reads it).
 */
final class RunLogLines extends AppenderBase<ILoggingEvent> implements AutoCloseable {

  /** One log line: its formatted message and its MDC. */
  record Line(String message, Map<String, String> mdc) {}

  private final List<Line> lines = new CopyOnWriteArrayList<>();
  private final List<Logger> loggers;

  private RunLogLines(List<Logger> loggers) {
    this.loggers = loggers;
  }

  static RunLogLines of(String... loggerNames) {
    List<Logger> loggers =
        Stream.of(loggerNames).map(name -> (Logger) LoggerFactory.getLogger(name)).toList();
    RunLogLines capture = new RunLogLines(loggers);
    capture.setContext(loggers.getFirst().getLoggerContext());
    capture.start();
    loggers.forEach(logger -> logger.addAppender(capture));
    return capture;
  }

  @Override
  protected void append(ILoggingEvent event) {
    lines.add(new Line(event.getFormattedMessage(), Map.copyOf(event.getMDCPropertyMap())));
  }

  /** The lines written so far that name {@code runId} in their MDC. */
  List<Line> ofRun(String runId) {
    return lines.stream().filter(line -> runId.equals(line.mdc().get("runId"))).toList();
  }

  @Override
  public void close() {
    loggers.forEach(logger -> logger.detachAppender(this));
    stop();
  }
}
