package io.quiver.server.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import org.junit.jupiter.api.Test;

/** {@code -v} raises Quiver's level, {@code -vv} also the root's; never lowers any. */
class VerbosityTest {
  private final LoggerContext context = new LoggerContext();
  private final Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
  private final Logger quiver = context.getLogger("io.quiver");

  VerbosityTest() {
    root.setLevel(Level.WARN);
    quiver.setLevel(Level.INFO);
  }

  @Test
  void noneChangesNothing() {
    Verbosity.apply(context, 0);
    assertThat(quiver.getLevel()).isEqualTo(Level.INFO);
    assertThat(root.getLevel()).isEqualTo(Level.WARN);
  }

  @Test
  void onceIsQuiverAtDebug() {
    Verbosity.apply(context, 1);
    assertThat(quiver.getLevel()).isEqualTo(Level.DEBUG);
    assertThat(root.getLevel()).isEqualTo(Level.WARN);
    assertThat(context.getLogger("io.quiver.runtime.world.World").isDebugEnabled()).isTrue();
    assertThat(context.getLogger("io.netty.X").isInfoEnabled()).isFalse();
  }

  @Test
  void twiceOrMoreIsQuiverAtTraceAndTheRestAtDebug() {
    Verbosity.apply(context, 3);
    assertThat(quiver.getLevel()).isEqualTo(Level.TRACE);
    assertThat(root.getLevel()).isEqualTo(Level.DEBUG);
  }

  @Test
  void aMoreVerboseConfiguredLevelIsKept() {
    quiver.setLevel(Level.TRACE);
    root.setLevel(Level.ALL);
    Verbosity.apply(context, 2);
    assertThat(quiver.getLevel()).isEqualTo(Level.TRACE);
    assertThat(root.getLevel()).isEqualTo(Level.ALL);
  }
}
