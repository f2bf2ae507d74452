package io.quiver.connectors.ws;

import io.quiver.spi.config.ProcessSetting;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code -Dquiver.fuse}: whether a websocket proxy's pass-through (ws onramp -> {@code select event
 * from in into out} -> ws offramp and back) runs fused, each message handed from one connection to
 * the other without an event, or the usual way. On by default; {@code false} for an A/B or when in
 * doubt.
 */
final class PassThroughSwitch {
  private static final Logger LOG = LoggerFactory.getLogger(PassThroughSwitch.class);
  static final String PROPERTY = "quiver.fuse";

  static final ProcessSetting<Boolean> SETTING =
      new ProcessSetting<>(
          PROPERTY,
          "true or false",
          "true",
          "Whether a websocket proxy whose pipelines only pass events on (ws onramp -> `select"
              + " event from in into out` -> linked ws offramp, replies back the same way; codec"
              + " string or binary, no pre- or postprocessors, per_client sessions) hands each"
              + " message from the client's connection to its upstream's and back without making"
              + " an event (a fused pass-through, logged at start-up). Counts and errors stay as"
              + " without it; false takes the usual way.",
          "neither true nor false",
          PassThroughSwitch::parse);

  private PassThroughSwitch() {}

  private static Boolean parse(String text) {
    return switch (text.trim().toLowerCase(Locale.ROOT)) {
      case "true" -> Boolean.TRUE;
      case "false" -> Boolean.FALSE;
      default -> null;
    };
  }

  /** Whether fusing is on in this JVM (read at every decision: tests switch it). */
  static boolean enabled() {
    ProcessSetting.Reading<Boolean> reading = SETTING.read(SETTING.raw(), true, "true");
    if (reading.warning() != null) {
      LOG.warn(reading.warning());
    }
    return reading.value();
  }
}
