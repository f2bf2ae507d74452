package io.quiver.runtime.world;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Captures what {@link PipelineRunner} (or another class of the runtime) logs from creation until
 * {@link #close} (a test field annotated {@code @AutoClose}), so a test can check the ERROR lines a
 * failure leaves.
 */
final class RunnerErrorLog implements AutoCloseable {
  private final ListAppender<ILoggingEvent> log = new ListAppender<>();
  private final Logger runnerLog;

  RunnerErrorLog() {
    this(PipelineRunner.class);
  }

  RunnerErrorLog(Class<?> source) {
    runnerLog = (Logger) LoggerFactory.getLogger(source);
    log.start();
    runnerLog.addAppender(log);
  }

  /** The messages logged at ERROR so far, in order. */
  List<String> errorLines() {
    return log.list.stream()
        .filter(e -> e.getLevel() == Level.ERROR)
        .map(ILoggingEvent::getFormattedMessage)
        .toList();
  }

  @Override
  public void close() {
    runnerLog.detachAppender(log);
  }
}
