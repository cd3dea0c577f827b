package io.outrun.local;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.LoggerFactory;

/**
 * Log lines of one logger as they are written: the message and the MDC of the writing thread, read
 * at once (a line's MDC is the thread's when it is written, not when the test reads it).
 */
final class RunLogLines extends AppenderBase<ILoggingEvent> implements AutoCloseable {

  /** One log line: its formatted message and its MDC. */
  record Line(String message, Map<String, String> mdc) {}

  private final List<Line> lines = new CopyOnWriteArrayList<>();
  private final Logger logger;

  private RunLogLines(String loggerName) {
    this.logger = (Logger) LoggerFactory.getLogger(loggerName);
  }

  static RunLogLines of(String loggerName) {
    RunLogLines capture = new RunLogLines(loggerName);
    capture.setContext(capture.logger.getLoggerContext());
    capture.start();
    capture.logger.addAppender(capture);
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
    logger.detachAppender(this);
    stop();
  }
}
