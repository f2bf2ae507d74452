package io.quiver.server.bench;

import java.io.PrintWriter;
import java.net.URI;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code quiver bench abuse}: an abusive client for soak runs (bench/ws-soak-abuse.sh) against a
 * websocket server on this machine. One mode, or {@code cycle} through all of them, for a bounded
 * time; prints what it did and what the server did about it.
 */
@Command(
    name = "abuse",
    mixinStandardHelpOptions = true,
    description = {
      "Abusive websocket clients for soak runs, against 127.0.0.1/localhost only. Modes:",
      "  slowloris   handshakes sent one byte a second on --slowloris-sockets sockets",
      "  idle        --idle-sockets TCP connections that send nothing",
      "  nonreading  --nonreading-clients websocket clients each sending --nonreading-requests",
      "              {\"large\":N} requests (a `bench echo --large-replies` upstream answers with",
      "              N = --large-bytes bytes) and never reading",
      "  deep        {\"depth\":N} events (N = 1000, 1023, 1500, 100000: a pipeline script that recurses N",
      "              deep) and JSON nested 100000 (arrays) and 20000 (objects) deep, one at a time,",
      "              each answer awaited up to --timeout",
      "  invalid     RFC 6455 violations, each on a fresh connection: reserved opcodes, unmasked,",
      "              RSV1, invalid UTF-8, fragmented ping, orphan continuation, close codes 999,",
      "              1005, 1006, 5000, 65535, a close reason that is not UTF-8",
      "  cycle       all of the above in turn, --phase seconds each, from the --start-th",
      "Each phase ends at its deadline and closes its sockets; the run ends after --duration",
      "seconds. Prints one line per phase, then the counts and a 'result:' line of key=value pairs."
    })
public final class AbuseCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin LocalWsUrl url;

  @Option(
      names = "--mode",
      defaultValue = "cycle",
      paramLabel = "MODE",
      description =
          "slowloris, idle, nonreading, deep, invalid or cycle (default ${DEFAULT-VALUE}).")
  String mode;

  @Option(
      names = "--duration",
      defaultValue = "60",
      paramLabel = "S",
      description = "Seconds the run lasts (default ${DEFAULT-VALUE}).")
  double duration;

  @Option(
      names = "--phase",
      defaultValue = "20",
      paramLabel = "S",
      description = "Seconds per mode in cycle (default ${DEFAULT-VALUE}).")
  double phase;

  @Option(
      names = "--start",
      defaultValue = "0",
      paramLabel = "I",
      description = "Cycle: index of the first mode, 0-4 (default ${DEFAULT-VALUE}).")
  int start;

  @Option(
      names = "--slowloris-sockets",
      defaultValue = "100",
      paramLabel = "N",
      description = "Default ${DEFAULT-VALUE}.")
  int slowlorisSockets;

  @Option(
      names = "--idle-sockets",
      defaultValue = "1000",
      paramLabel = "N",
      description = "Default ${DEFAULT-VALUE}.")
  int idleSockets;

  @Option(
      names = "--nonreading-clients",
      defaultValue = "5",
      paramLabel = "N",
      description = "Default ${DEFAULT-VALUE}.")
  int nonreadingClients;

  @Option(
      names = "--nonreading-requests",
      defaultValue = "16",
      paramLabel = "N",
      description = "Per client (default ${DEFAULT-VALUE}).")
  int nonreadingRequests;

  @Option(
      names = "--large-bytes",
      defaultValue = "1048576",
      paramLabel = "BYTES",
      description = "Reply size the non-reading clients ask for (default ${DEFAULT-VALUE}).")
  int largeBytes;

  @Option(
      names = "--timeout",
      defaultValue = "5000",
      paramLabel = "MS",
      description = "Timeout of every connect and read (default ${DEFAULT-VALUE}).")
  int timeoutMs;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    String problem = validate();
    if (problem != null) {
      err.println("quiver bench abuse: " + problem);
      err.flush();
      return 2;
    }
    URI uri = url.uri();
    String host = uri.getHost().replace("[", "").replace("]", "");
    int port = uri.getPort() > 0 ? uri.getPort() : 80;
    AbuseCounts counts = new AbuseCounts();
    Sockets sockets = new Sockets();
    Abuser abuser =
        new Abuser(
            new Abuser.Options(
                host,
                port,
                slowlorisSockets,
                idleSockets,
                nonreadingClients,
                nonreadingRequests,
                largeBytes,
                timeoutMs),
            counts,
            sockets);
    out.printf(
        Locale.ROOT,
        "quiver bench abuse: %s mode=%s duration=%ss%s%n",
        url,
        mode,
        fmt(duration),
        mode.equals("cycle") ? " phase=" + fmt(phase) + "s start=" + start : "");
    out.flush();
    long began = System.nanoTime();
    long end = began + (long) (duration * 1e9);
    AbuseMode[] modes = AbuseMode.values();
    int index = start;
    while (System.nanoTime() - end < 0) {
      AbuseMode m =
          mode.equals("cycle")
              ? modes[index++ % modes.length]
              : AbuseMode.valueOf(mode.toUpperCase(Locale.ROOT));
      long phaseEnd =
          mode.equals("cycle") ? Math.min(end, System.nanoTime() + (long) (phase * 1e9)) : end;
      out.printf(
          Locale.ROOT,
          "%7.1f s  %s until %.1f s%n",
          secs(began),
          m.label(),
          (phaseEnd - began) / 1e9);
      out.flush();
      runBounded(abuser, m, phaseEnd, sockets);
    }
    out.printf(Locale.ROOT, "done after %.1f s%n", secs(began));
    counts.snapshot().forEach((k, v) -> out.printf(Locale.ROOT, "  %-48s %d%n", k, v));
    out.println("result: " + counts.keyValues());
    out.flush();
    return 0;
  }

  /**
   * Runs one phase in its own thread; should it outlive its deadline by the timeouts it may still
   * be waiting on, its sockets are closed, which ends any blocked read or write.
   */
  private void runBounded(Abuser abuser, AbuseMode m, long phaseEnd, Sockets sockets)
      throws InterruptedException {
    Thread t =
        Thread.ofVirtual()
            .name("abuse-" + m.label())
            .start(
                () -> {
                  try {
                    abuser.run(m, phaseEnd);
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                });
    long grace = TimeUnit.MILLISECONDS.toNanos(2L * timeoutMs + 1000);
    long waitNs = phaseEnd - System.nanoTime() + grace;
    if (!t.join(java.time.Duration.ofNanos(Math.max(1, waitNs)))) {
      sockets.closeAll();
      t.interrupt();
      t.join(java.time.Duration.ofSeconds(5));
    }
  }

  /** The first problem with the options, or null. */
  String validate() {
    String p = url.problem();
    if (p != null) {
      return p;
    }
    if (!mode.equals("cycle")) {
      try {
        AbuseMode.valueOf(mode.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        return "unknown --mode "
            + mode
            + ": use slowloris, idle, nonreading, deep, invalid or cycle";
      }
    }
    if (duration <= 0 || phase <= 0) {
      return "--duration and --phase must be more than 0 seconds";
    }
    if (start < 0) {
      return "--start must not be negative (got " + start + ")";
    }
    if (slowlorisSockets < 0
        || idleSockets < 0
        || nonreadingClients < 0
        || nonreadingRequests < 0) {
      return "socket and client counts must not be negative";
    }
    if (largeBytes < 1 || largeBytes > EchoCommand.MAX_LARGE) {
      return "--large-bytes must be between 1 and "
          + EchoCommand.MAX_LARGE
          + " (got "
          + largeBytes
          + ")";
    }
    if (timeoutMs < 1) {
      return "--timeout must be at least 1 ms (got " + timeoutMs + ")";
    }
    return null;
  }

  private static double secs(long sinceNs) {
    return (System.nanoTime() - sinceNs) / 1e9;
  }

  private static String fmt(double d) {
    return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
  }
}
