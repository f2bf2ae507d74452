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
 * @param verify check every answer and count lost requests ({@link VerifiedConnection}), closed
 *     loop
 * @param reconnectAfter with {@code verify}: requests after which a connection closes itself and a
 *     new one replaces it (0: never)
 * @param drainSecs with {@code verify}: seconds to wait for outstanding answers after the run
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
    boolean idle,
    boolean verify,
    long reconnectAfter,
    double drainSecs) {

  public boolean openLoop() {
    return rate > 0;
  }

  /** One line describing the run. */
  public String describe() {
    return String.format(
        java.util.Locale.ROOT,
        "%s connections=%d in-flight=%d size=%d %s %s warmup=%ss duration=%ss threads=%d%s",
        url,
        connections,
        inFlight,
        size,
        binary ? "binary" : "text",
        idle ? "idle" : openLoop() ? "open-loop rate=" + fmt(rate) + "/s" : "closed-loop",
        fmt(warmupSecs),
        fmt(durationSecs),
        threads,
        verify
            ? " verify reconnect-after=" + reconnectAfter + " drain=" + fmt(drainSecs) + "s"
            : "");
  }

  private static String fmt(double d) {
    return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
  }
}
