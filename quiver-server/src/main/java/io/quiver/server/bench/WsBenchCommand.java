package io.quiver.server.bench;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code quiver bench ws}: drives a websocket endpoint on this machine and reports msgs/s and
 * latency.
 */
@Command(
    name = "ws",
    mixinStandardHelpOptions = true,
    description = {
      "Websocket load generator for 127.0.0.1/localhost targets (an echo, a proxy in front of one).",
      "Closed loop (default): each connection keeps --in-flight messages outstanding.",
      "Open loop (--rate): messages are sent on a fixed schedule, spread evenly over the",
      "connections; latency counts from the scheduled send time, so a stalling server shows.",
      "Prints msgs/s, latency p50/p90/p99/p99.9/max in microseconds and the error count,",
      "then a 'result:' line with the same figures as key=value pairs for scripts.",
      "Verify (--verify, closed loop, text): every request is a JSON record unique to its",
      "connection and number, {\"c\":ID,\"s\":SEQ,\"p\":\"xx...\"}; every answer must be its exact",
      "echo or an error record {\"error\":...}. After the run the load waits up to --drain seconds",
      "for outstanding answers; a request unanswered then, or when its connection closed, is lost.",
      "Connections that close during the run are replaced; --reconnect-after N also closes each",
      "connection after N requests. Adds the accounting and a 'verify:' line to the report."
    })
public final class WsBenchCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin LocalWsUrl url;

  @Option(
      names = "--connections",
      defaultValue = "1",
      paramLabel = "N",
      description = "Client connections (default ${DEFAULT-VALUE}).")
  int connections;

  @Option(
      names = "--in-flight",
      defaultValue = "1",
      paramLabel = "K",
      description =
          "Outstanding messages per connection in closed loop (default ${DEFAULT-VALUE}).")
  int inFlight;

  @Option(
      names = "--size",
      defaultValue = "32",
      paramLabel = "BYTES",
      description = "Payload size in bytes (default ${DEFAULT-VALUE}).")
  int size;

  @Option(
      names = "--duration",
      defaultValue = "10",
      paramLabel = "S",
      description = "Seconds measured (default ${DEFAULT-VALUE}).")
  double duration;

  @Option(
      names = "--warmup",
      defaultValue = "2",
      paramLabel = "S",
      description = "Seconds of load before measuring (default ${DEFAULT-VALUE}).")
  double warmup;

  @Option(
      names = "--rate",
      defaultValue = "0",
      paramLabel = "R",
      description = "Open loop: total messages per second (default: closed loop).")
  double rate;

  @Option(names = "--binary", description = "Send binary frames (default: text).")
  boolean binary;

  @Option(
      names = "--idle",
      description =
          "Open the connections and hold them without sending (to measure memory per idle client).")
  boolean idle;

  @Option(
      names = "--verify",
      description = "Check every answer and count lost requests (see above).")
  boolean verify;

  @Option(
      names = "--reconnect-after",
      defaultValue = "0",
      paramLabel = "N",
      description =
          "With --verify: a connection closes after N requests and a new one replaces it (default: never).")
  long reconnectAfter;

  @Option(
      names = "--drain",
      defaultValue = "15",
      paramLabel = "S",
      description =
          "With --verify: seconds to wait for outstanding answers after the run (default ${DEFAULT-VALUE}).")
  double drain;

  @Option(
      names = "--threads",
      defaultValue = "1",
      paramLabel = "T",
      description = "Client event loop threads (default ${DEFAULT-VALUE}).")
  int threads;

  @Override
  public Integer call() throws Exception {
    PrintWriter err = spec.commandLine().getErr();
    PrintWriter out = spec.commandLine().getOut();
    String problem = validate();
    if (problem != null) {
      err.println("quiver bench ws: " + problem);
      err.flush();
      return 2;
    }
    WsLoadSettings settings =
        new WsLoadSettings(
            url.uri(),
            connections,
            inFlight,
            size,
            warmup,
            duration,
            rate,
            binary,
            threads,
            idle,
            verify,
            reconnectAfter,
            drain);
    out.println("quiver bench ws: " + settings.describe());
    out.flush();
    java.io.PrintStream log =
        new java.io.PrintStream(
            new java.io.OutputStream() {
              @Override
              public void write(int b) {
                err.write(b);
              }

              @Override
              public void flush() {
                err.flush();
              }
            },
            true);
    WsLoadResult result = new WsLoad(settings, log).run();
    out.print(result.report());
    out.flush();
    if (result.connected() == 0 && connections > 0) {
      err.println(
          "quiver bench ws: no connection could be opened to " + url + "; is the server running?");
      err.flush();
      return 1;
    }
    return 0;
  }

  /** The first problem with the options, or null. */
  String validate() {
    String p = url.problem();
    if (p != null) {
      return p;
    }
    if (connections < 1) {
      return "--connections must be at least 1 (got " + connections + ")";
    }
    if (inFlight < 1) {
      return "--in-flight must be at least 1 (got " + inFlight + ")";
    }
    if (size < 1 || size > 16 * 1024 * 1024) {
      return "--size must be between 1 and 16777216 bytes (got " + size + ")";
    }
    if (duration <= 0) {
      return "--duration must be more than 0 seconds (got " + duration + ")";
    }
    if (warmup < 0) {
      return "--warmup must not be negative (got " + warmup + ")";
    }
    if (rate < 0) {
      return "--rate must not be negative (got " + rate + ")";
    }
    if (verify && (rate > 0 || idle || binary)) {
      return "--verify runs a closed loop of text messages: it does not combine with --rate, --idle or --binary";
    }
    if (reconnectAfter < 0 || drain < 0) {
      return "--reconnect-after and --drain must not be negative";
    }
    if ((reconnectAfter > 0 || drain != 15) && !verify) {
      return "--reconnect-after and --drain need --verify";
    }
    if (threads < 1) {
      return "--threads must be at least 1 (got " + threads + ")";
    }
    return null;
  }
}
