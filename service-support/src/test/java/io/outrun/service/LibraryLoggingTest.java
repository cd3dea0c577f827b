package io.outrun.service;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.commons.logging.impl.Log4jApiLogFactory;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Libraries that log through commons-logging (Spring, Spring Security) reach logback, and a message
 * for a level that is off is never built: Spring Security hands its debug messages over unbuilt
 * ({@code LogMessage.format}), which commons-logging's own SLF4J adapter built at every request.
 */
class LibraryLoggingTest {

  private static final String NAME = "io.outrun.service.LibraryLoggingTest.library";

  @Test
  void commonsLoggingGoesThroughTheLog4jApi() {
    assertThat(LogFactory.getFactory()).isInstanceOf(Log4jApiLogFactory.class);
  }

  @Test
  void aMessageForALevelThatIsOffIsNeverBuilt() {
    AtomicInteger built = new AtomicInteger();
    Object message =
        new Object() {
          @Override
          public String toString() {
            built.incrementAndGet();
            return "built";
          }
        };
    Log log = LogFactory.getLog(NAME + ".quiet"); // the tests' root level is INFO

    log.debug(message);
    log.trace(message);

    assertThat(built).hasValue(0);
  }

  @Test
  void anEnabledMessageReachesLogbackWithItsLevelCauseAndCaller() {
    Logger logger = (Logger) LoggerFactory.getLogger(NAME + ".loud");
    ListAppender<ILoggingEvent> appender =
        new ListAppender<>() {
          @Override
          protected void append(ILoggingEvent event) {
            event.getCallerData(); // found from the stack: only while the call is under way
            super.append(event);
          }
        };
    appender.start();
    logger.addAppender(appender);
    try {
      LogFactory.getLog(NAME + ".loud").warn("a warning", new IllegalStateException("why"));
    } finally {
      logger.detachAppender(appender);
    }

    assertThat(appender.list)
        .singleElement()
        .satisfies(
            event -> {
              assertThat(event.getLevel()).isEqualTo(Level.WARN);
              assertThat(event.getFormattedMessage()).isEqualTo("a warning");
              assertThat(event.getThrowableProxy().getMessage()).isEqualTo("why");
              assertThat(event.getCallerData()[0].getClassName())
                  .isEqualTo(LibraryLoggingTest.class.getName());
            });
  }
}
