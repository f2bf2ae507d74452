package io.quiver.server.bench;

import java.net.URI;

/**
 * What one {@code quiver bench ws} run does.
 *
 * @param url the websocket endpoint (127.0.0.1 or localhost only)
 * @param connections number of client connections
 * @param inFlight messages each connection keeps outstanding (closed loop)
 * @param size payload bytes per message
 * @param warmupSecs seconds of load before measuring
 * @param durationSecs seconds measured
 * @param rate total messages per second (open loop), or 0 for closed loop
 * @param binary binary frames instead of text
 * @param threads client event loop threads
 * @param idle connect and hold the connections without sending (memory per idle client)
 */
public record WsLoadSettings(
    URI url,
    int connections,
    int inFlight,
    int size,
    double warmupSecs,
    double durationSecs,
    double rate,
    boolean binary,
    int threads,
    boolean idle) {

  public boolean openLoop() {
    return rate > 0;
  }

  /** One line describing the run. */
  public String describe() {
    return String.format(
        java.util.Locale.ROOT,
        "%s connections=%d in-flight=%d size=%d %s %s warmup=%ss duration=%ss threads=%d",
        url,
        connections,
        inFlight,
        size,
        binary ? "binary" : "text",
        idle ? "idle" : openLoop() ? "open-loop rate=" + fmt(rate) + "/s" : "closed-loop",
        fmt(warmupSecs),
        fmt(durationSecs),
        threads);
  }

  private static String fmt(double d) {
    return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
  }
}
