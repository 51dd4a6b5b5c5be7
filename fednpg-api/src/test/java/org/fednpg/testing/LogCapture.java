package org.fednpg.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * What one class's logger logs while this is open, for tests that check a warning or an error was
 * (or was not) logged: {@code try (LogCapture log = LogCapture.of(Foo.class)) { ... }}. Needs
 * logback-classic on the test class path (every module's tests have it).
 */
public final class LogCapture implements AutoCloseable {

  private final Logger logger;
  private final Level savedLevel;
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

  private LogCapture(Class<?> source, Level level) {
    logger = (Logger) LoggerFactory.getLogger(source);
    savedLevel = logger.getLevel();
    if (level != null) {
      logger.setLevel(level);
    }
    appender.start();
    logger.addAppender(appender);
  }

  /** Captures {@code source}'s logger at the level the test logging gives it. */
  public static LogCapture of(Class<?> source) {
    return new LogCapture(source, null);
  }

  /**
   * Captures {@code source}'s logger at {@code level} until closed (for a logger that the test
   * logging turns OFF to keep the console quiet), then restores its level.
   */
  public static LogCapture of(Class<?> source, Level level) {
    return new LogCapture(source, level);
  }

  /** The events so far, in order (a copy: loggers on other threads may still append). */
  public List<ILoggingEvent> events() {
    synchronized (appender) { // AppenderBase appends under this lock
      return List.copyOf(appender.list);
    }
  }

  /** The formatted messages so far, in order. */
  public List<String> messages() {
    return events().stream().map(ILoggingEvent::getFormattedMessage).toList();
  }

  /** The formatted messages so far at {@code level}, in order. */
  public List<String> messages(Level level) {
    return events().stream()
        .filter(e -> e.getLevel() == level)
        .map(ILoggingEvent::getFormattedMessage)
        .toList();
  }

  /** Forgets the events so far. */
  public void clear() {
    synchronized (appender) {
      appender.list.clear();
    }
  }

  /** Detaches from the logger and restores its level. */
  @Override
  public void close() {
    logger.detachAppender(appender);
    logger.setLevel(savedLevel);
  }
}
