package io.outrun.local;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.AppenderBase;
import java.util.ArrayDeque;
import java.util.Deque;
import org.slf4j.LoggerFactory;

/**
 * The last warnings and errors the services logged once started, for a test's failure message: a
 * test that times out waiting for a run says why the services think it did not end (a publish that
 * timed out, a retried request), in the report CI prints, not only in the output file it keeps.
 */
final class RecentWarnings extends AppenderBase<ILoggingEvent> implements AutoCloseable {

  private static final int KEPT = 30;

  private final Deque<String> lines = new ArrayDeque<>();
  private final Logger root;

  private RecentWarnings(Logger root) {
    this.root = root;
  }

  /** Starts keeping the warnings every logger writes from now on. */
  static RecentWarnings capture() {
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    RecentWarnings warnings = new RecentWarnings(root);
    warnings.setContext(root.getLoggerContext());
    warnings.start();
    root.addAppender(warnings);
    return warnings;
  }

  @Override
  protected void append(ILoggingEvent event) {
    if (!event.getLevel().isGreaterOrEqual(Level.WARN)) {
      return;
    }
    String line =
        event.getLevel()
            + " ["
            + event.getThreadName()
            + "] "
            + event.getLoggerName()
            + " - "
            + event.getFormattedMessage()
            + causes(event.getThrowableProxy());
    synchronized (lines) {
      if (lines.size() == KEPT) {
        lines.removeFirst();
      }
      lines.addLast(line);
    }
  }

  /** The warnings kept, oldest first, one per line; "none" when there are none. */
  String describe() {
    synchronized (lines) {
      return lines.isEmpty() ? "none" : String.join("\n", lines);
    }
  }

  private static String causes(IThrowableProxy thrown) {
    StringBuilder text = new StringBuilder();
    for (IThrowableProxy t = thrown; t != null; t = t.getCause()) {
      text.append(t == thrown ? ": " : " <- ")
          .append(t.getClassName())
          .append(": ")
          .append(t.getMessage());
    }
    return text.toString();
  }

  @Override
  public void close() {
    root.detachAppender(this);
    stop();
  }
}
