package io.quiver.server.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The phases of {@code quiver bench abuse}, each against one websocket server on this machine and
 * bounded by its deadline: every connect and read has a timeout, loops check the deadline, and the
 * phase's sockets are closed (reset) when it ends. Counts go to {@link AbuseCounts}, prefixed with
 * the mode's name.
 */
final class Abuser {
  /**
   * What the phases do.
   *
   * @param host 127.0.0.1 or localhost
   * @param port the server's port
   * @param slowlorisSockets sockets that dribble a handshake, per slowloris phase
   * @param idleSockets TCP connections that send nothing, per idle phase
   * @param nonreadingClients websocket clients that never read, per nonreading phase
   * @param nonreadingRequests requests each of them sends
   * @param largeBytes reply size each such request asks for ({"large":N}, see {@code bench echo})
   * @param timeoutMs timeout of every connect and read
   */
  record Options(
      String host,
      int port,
      int slowlorisSockets,
      int idleSockets,
      int nonreadingClients,
      int nonreadingRequests,
      int largeBytes,
      int timeoutMs) {}

  /** A deep event: its name in the counts and the message. */
  record DeepEvent(String name, String text) {}

  /** An invalid frame (or close) sent on a fresh connection: its name and how to send it. */
  record InvalidFrame(String name, FrameWriter writer) {}

  @FunctionalInterface
  interface FrameWriter {
    void write(RawWs ws) throws IOException;
  }

  /**
   * Events that recurse in the soak pipeline's script (bench/ws-soak: {@code {"depth": N}} calls a
   * function N deep) around and beyond Tremor's limit of 1024, and JSON nested far beyond any
   * parser's limit.
   */
  static final List<DeepEvent> DEEP_EVENTS =
      List.of(
          new DeepEvent("recursion_1000", "{\"depth\":1000}"),
          new DeepEvent("recursion_1023", "{\"depth\":1023}"),
          new DeepEvent("recursion_1500", "{\"depth\":1500}"),
          new DeepEvent("recursion_100000", "{\"depth\":100000}"),
          new DeepEvent("nested_arrays_100000", "[".repeat(100_000) + "]".repeat(100_000)),
          new DeepEvent(
              "nested_objects_20000", "{\"a\":".repeat(20_000) + "1" + "}".repeat(20_000)));

  private static final byte[] NOT_UTF8 = {(byte) 0xc3, (byte) 0x28, (byte) 0xff};

  /** RFC 6455 violations, each on its own connection; the server should close with 1002 or 1007. */
  static final List<InvalidFrame> INVALID_FRAMES =
      List.of(
          new InvalidFrame("opcode_3", ws -> ws.send(RawWs.FIN | 0x3, bytes("x"), true)),
          new InvalidFrame("opcode_11", ws -> ws.send(RawWs.FIN | 0xb, bytes("x"), true)),
          new InvalidFrame(
              "unmasked", ws -> ws.send(RawWs.FIN | RawWs.TEXT, bytes("{\"unmasked\":1}"), false)),
          new InvalidFrame("rsv1", ws -> ws.send(RawWs.FIN | 0x40 | RawWs.TEXT, bytes("x"), true)),
          new InvalidFrame("bad_utf8", ws -> ws.send(RawWs.FIN | RawWs.TEXT, NOT_UTF8, true)),
          new InvalidFrame("fragmented_ping", ws -> ws.send(RawWs.PING, bytes("x"), true)),
          new InvalidFrame("orphan_continuation", ws -> ws.send(RawWs.FIN, bytes("x"), true)),
          new InvalidFrame("close_999", ws -> ws.sendClose(999, new byte[0])),
          new InvalidFrame("close_1005", ws -> ws.sendClose(1005, new byte[0])),
          new InvalidFrame("close_1006", ws -> ws.sendClose(1006, new byte[0])),
          new InvalidFrame("close_5000", ws -> ws.sendClose(5000, new byte[0])),
          new InvalidFrame("close_65535", ws -> ws.sendClose(65535, new byte[0])),
          new InvalidFrame("close_bad_utf8_reason", ws -> ws.sendClose(1000, NOT_UTF8)));

  private final Options options;
  private final AbuseCounts counts;
  private final Sockets sockets;

  Abuser(Options options, AbuseCounts counts, Sockets sockets) {
    this.options = options;
    this.counts = counts;
    this.sockets = sockets;
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** Runs one phase of {@code mode} until {@code deadlineNs}, then closes its sockets. */
  void run(AbuseMode mode, long deadlineNs) throws InterruptedException {
    counts.inc(mode.label() + "_phases");
    try {
      switch (mode) {
        case SLOWLORIS -> slowloris(deadlineNs);
        case IDLE -> idle(deadlineNs);
        case NONREADING -> nonreading(deadlineNs);
        case DEEP -> deep(deadlineNs);
        case INVALID -> invalid(deadlineNs);
      }
    } finally {
      sockets.closeAll();
    }
  }

  // ------------------------------------------------------------------ slowloris and idle

  private void slowloris(long deadlineNs) throws InterruptedException {
    List<SocketChannel> open = openChannels("slowloris", options.slowlorisSockets(), deadlineNs);
    byte[] handshake = RawWs.handshake(options.host(), options.port());
    int[] written = new int[open.size()];
    while (!past(deadlineNs)) {
      for (int i = 0; i < open.size(); i++) {
        SocketChannel c = open.get(i);
        if (c == null || serverGaveUp("slowloris", c)) {
          open.set(i, null);
          continue;
        }
        if (written[i] < handshake.length) {
          try {
            if (c.write(ByteBuffer.wrap(handshake, written[i], 1)) == 1) {
              written[i]++;
              counts.inc("slowloris_bytes");
            }
          } catch (IOException e) {
            counts.inc("slowloris_closed_by_server");
            open.set(i, null);
          }
        }
      }
      sleepUntil(Math.min(deadlineNs, System.nanoTime() + TimeUnit.SECONDS.toNanos(1)));
    }
  }

  private void idle(long deadlineNs) throws InterruptedException {
    List<SocketChannel> open = openChannels("idle", options.idleSockets(), deadlineNs);
    while (!past(deadlineNs)) {
      for (int i = 0; i < open.size(); i++) {
        SocketChannel c = open.get(i);
        if (c != null && serverGaveUp("idle", c)) {
          open.set(i, null);
        }
      }
      sleepUntil(Math.min(deadlineNs, System.nanoTime() + TimeUnit.SECONDS.toNanos(1)));
    }
  }

  /** Opens up to {@code n} plain TCP connections (non-blocking once connected). */
  private List<SocketChannel> openChannels(String mode, int n, long deadlineNs) {
    List<SocketChannel> open = new ArrayList<>(n);
    InetSocketAddress address = new InetSocketAddress(options.host(), options.port());
    for (int i = 0; i < n && !past(deadlineNs); i++) {
      try {
        SocketChannel c = SocketChannel.open();
        sockets.add(c);
        c.socket().connect(address, options.timeoutMs());
        c.configureBlocking(false);
        open.add(c);
        counts.inc(mode + "_sockets");
      } catch (IOException e) {
        counts.inc(mode + "_connect_failures");
      }
    }
    return open;
  }

  /**
   * Whether the server closed {@code c} or answered on it (a refusal such as HTTP 408); closes it
   * then.
   */
  private boolean serverGaveUp(String mode, SocketChannel c) {
    try {
      int n = c.read(ByteBuffer.allocate(512));
      if (n == 0) {
        return false;
      }
    } catch (IOException e) {
      // reset by the server
    }
    counts.inc(mode + "_closed_by_server");
    try {
      c.close();
    } catch (IOException ignored) {
      // closed anyway
    }
    return true;
  }

  // ------------------------------------------------------------------ non-reading clients

  private void nonreading(long deadlineNs) throws InterruptedException {
    String request = "{\"large\":" + options.largeBytes() + "}";
    for (int i = 0; i < options.nonreadingClients() && !past(deadlineNs); i++) {
      RawWs ws;
      try {
        ws = RawWs.open(options.host(), options.port(), options.timeoutMs(), 4096, sockets);
        counts.inc("nonreading_clients");
      } catch (IOException e) {
        counts.inc("nonreading_handshake_failures");
        continue;
      }
      try {
        for (int r = 0; r < options.nonreadingRequests() && !past(deadlineNs); r++) {
          ws.sendText(request);
          counts.inc("nonreading_requests");
          counts.add("nonreading_reply_bytes_asked", options.largeBytes());
        }
      } catch (IOException e) {
        counts.inc("nonreading_closed_by_server");
      }
    }
    sleepUntil(deadlineNs); // hold them, never reading, until the phase ends
  }

  // ------------------------------------------------------------------ deep events

  private void deep(long deadlineNs) throws InterruptedException {
    while (!past(deadlineNs)) {
      RawWs ws;
      try {
        ws = RawWs.open(options.host(), options.port(), options.timeoutMs(), 0, sockets);
      } catch (IOException e) {
        counts.inc("deep_handshake_failures");
        sleepUntil(Math.min(deadlineNs, System.nanoTime() + TimeUnit.SECONDS.toNanos(1)));
        continue;
      }
      try (ws) {
        for (DeepEvent event : DEEP_EVENTS) {
          if (past(deadlineNs) || !sendDeep(ws, event)) {
            break; // a new connection for the rest
          }
        }
      }
      sleepUntil(Math.min(deadlineNs, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(200)));
    }
  }

  /**
   * Sends one deep event and waits for its answer; false when the connection is no longer usable.
   */
  private boolean sendDeep(RawWs ws, DeepEvent event) {
    try {
      counts.inc("deep_sent");
      ws.sendText(event.text());
      while (true) {
        RawWs.Frame f = ws.read(1 << 20);
        if (f == null || f.opcode() == RawWs.CLOSE) {
          counts.inc("deep_closed_by_server");
          counts.inc("deep_" + event.name() + "_closed");
          return false;
        }
        if (f.opcode() == RawWs.TEXT || f.opcode() == 0x2) {
          counts.inc("deep_answered");
          boolean error = f.text().startsWith("{\"error\"");
          counts.inc("deep_" + event.name() + (error ? "_error" : "_reply"));
          if (error) {
            counts.inc("deep_error_answers");
          }
          return true;
        }
        // a ping or a fragment: keep reading
      }
    } catch (SocketTimeoutException e) {
      counts.inc("deep_unanswered");
      counts.inc("deep_" + event.name() + "_unanswered");
      return false;
    } catch (IOException e) {
      counts.inc("deep_closed_by_server");
      counts.inc("deep_" + event.name() + "_closed");
      return false;
    }
  }

  // ------------------------------------------------------------------ invalid frames

  private void invalid(long deadlineNs) throws InterruptedException {
    while (!past(deadlineNs)) {
      for (InvalidFrame frame : INVALID_FRAMES) {
        if (past(deadlineNs)) {
          return;
        }
        sendInvalid(frame);
      }
      sleepUntil(Math.min(deadlineNs, System.nanoTime() + TimeUnit.SECONDS.toNanos(1)));
    }
  }

  /** One invalid frame on a fresh connection; counts the close code the server answered with. */
  private void sendInvalid(InvalidFrame frame) {
    RawWs ws;
    try {
      ws = RawWs.open(options.host(), options.port(), options.timeoutMs(), 0, sockets);
    } catch (IOException e) {
      counts.inc("invalid_handshake_failures");
      return;
    }
    try (ws) {
      counts.inc("invalid_sent");
      frame.writer().write(ws);
      for (int frames = 0; frames < 100; frames++) {
        RawWs.Frame f = ws.read(1 << 16);
        if (f == null) {
          counts.inc("invalid_" + frame.name() + "_closed_without_close_frame");
          counts.inc("invalid_closed_by_server");
          return;
        }
        if (f.opcode() == RawWs.CLOSE) {
          int code = f.closeCode();
          counts.inc(
              "invalid_"
                  + frame.name()
                  + "_close_"
                  + (code < 0 ? "no_code" : Integer.toString(code)));
          counts.inc("invalid_closed_by_server");
          return;
        }
      }
      counts.inc("invalid_" + frame.name() + "_not_closed");
    } catch (SocketTimeoutException e) {
      counts.inc("invalid_" + frame.name() + "_not_closed");
    } catch (IOException e) {
      counts.inc("invalid_" + frame.name() + "_reset");
      counts.inc("invalid_closed_by_server");
    }
  }

  // ------------------------------------------------------------------ time

  private static boolean past(long deadlineNs) {
    return System.nanoTime() - deadlineNs >= 0;
  }

  private static void sleepUntil(long deadlineNs) throws InterruptedException {
    long left;
    while ((left = deadlineNs - System.nanoTime()) > 0) {
      TimeUnit.NANOSECONDS.sleep(left);
    }
  }
}
