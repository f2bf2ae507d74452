package io.quiver.server.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code quiver ws URL}: a small websocket client in the spirit of websocat. Every stdin line is
 * one message, every message received is printed on its own line.
 */
@Command(
    name = "ws",
    mixinStandardHelpOptions = true,
    description = {
      "Websocket client, like websocat: stdin lines out, messages in.",
      "",
      "Sends each stdin line as one text message, its newline included, and",
      "prints each message received on its own line. At the end of stdin it",
      "waits for the replies still due (one per message sent, at most 1 s after",
      "the last), then closes the connection; not with -1 or -n.",
      "Exit codes: 0 done, 1 cannot connect or connection failed, 2 nothing",
      "received within --timeout.",
      "",
      "Example: echo hello | quiver ws -1 ws://localhost:9139",
      ""
    })
public final class WsCommand implements Callable<Integer> {
  /** With {@code -1} and no {@code --timeout}: how long to wait for the reply. */
  static final Duration ONE_MESSAGE_TIMEOUT = Duration.ofSeconds(10);

  @Parameters(index = "0", paramLabel = "URL", description = "ws://host:port/path or wss://...")
  String url;

  @Option(
      names = {"-1", "--one"},
      description = "Exit after the first message received (even once stdin has ended).")
  boolean one;

  @Option(
      names = {"-n", "--no-close"},
      description = "Keep the connection open at the end of stdin, until the server closes it.")
  boolean noClose;

  @Option(names = "--binary", description = "Send binary messages instead of text.")
  boolean binary;

  @Option(names = "--strip-newlines", description = "Send each line without its trailing newline.")
  boolean stripNewlines;

  @Option(
      names = "--timeout",
      paramLabel = "SECONDS",
      description = {
        "Exit with code 2 when nothing arrives for this long after",
        "connecting or sending. Default: none; 10 s with -1."
      })
  Double timeoutSeconds;

  private final InputStream in;
  private final PrintStream out;
  private final PrintStream err;

  public WsCommand() {
    this(System.in, System.out, System.err);
  }

  /** For tests and embedding: the streams the command reads lines from and writes messages to. */
  public WsCommand(InputStream in, PrintStream out, PrintStream err) {
    this.in = in;
    this.out = out;
    this.err = err;
  }

  @Override
  public Integer call() {
    if (timeoutSeconds != null && !(timeoutSeconds > 0)) {
      err.println(
          "quiver ws: --timeout must be a positive number of seconds, got " + timeoutSeconds);
      return 1;
    }
    Duration timeout =
        timeoutSeconds != null
            ? Duration.ofNanos(Math.round(timeoutSeconds * 1e9))
            : one ? ONE_MESSAGE_TIMEOUT : null;
    WsSession.Options options = new WsSession.Options(one, noClose, binary, stripNewlines, timeout);
    return new WsSession(url, options, in, out, err).run();
  }
}
