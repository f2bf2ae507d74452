package io.quiver.server.cli;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One run of {@code quiver ws}: connects, pumps stdin lines out and messages in, decides the exit
 * code.
 */
final class WsSession {
  /** How long to wait for the server's close frame after sending ours. */
  static final Duration CLOSE_GRACE = Duration.ofSeconds(1);

  /**
   * At the end of stdin, before closing: how long to wait for replies still due (fewer messages
   * received than sent), counted from the last one received.
   */
  static final Duration REPLY_GRACE = Duration.ofSeconds(1);

  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

  /** The command's switches; {@code timeout} is null for none. */
  record Options(
      boolean one, boolean noClose, boolean binary, boolean stripNewlines, Duration timeout) {}

  private final String url;
  private final Options options;
  private final InputStream in;
  private final PrintStream out;
  private final PrintStream err;

  private final CompletableFuture<Void> inputClosed = new CompletableFuture<>();
  private volatile long lastActivityNanos;

  // guarded by this
  private Integer exitCode;
  private long closeSentNanos;
  private boolean messageReceived;
  private long sentCount;
  private long receivedCount;

  WsSession(String url, Options options, InputStream in, PrintStream out, PrintStream err) {
    this.url = url;
    this.options = options;
    this.in = in;
    this.out = out;
    this.err = err;
  }

  /** Runs the session to its end and returns the exit code. */
  int run() {
    URI uri = parseUrl(url);
    if (uri == null) {
      err.println("quiver ws: invalid URL \"" + url + "\": expected ws://host:port/path");
      return 1;
    }
    HttpClient client = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();
    try {
      WebSocket socket;
      try {
        socket =
            client
                .newWebSocketBuilder()
                .connectTimeout(CONNECT_TIMEOUT)
                .buildAsync(uri, new Listener())
                .get();
      } catch (ExecutionException e) {
        err.println("quiver ws: cannot connect to " + url + ": " + describe(e.getCause(), uri));
        return 1;
      }
      lastActivityNanos = System.nanoTime();
      Thread reader = new Thread(() -> pumpStdin(socket), "quiver-ws-stdin");
      reader.setDaemon(true);
      reader.start();
      int code = awaitExit();
      closeQuietly(socket);
      return code;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 1;
    } finally {
      client.shutdownNow();
    }
  }

  /** A ws:// or wss:// URL with a host, or null. */
  static URI parseUrl(String text) {
    URI uri;
    try {
      uri = new URI(text);
    } catch (URISyntaxException e) {
      return null;
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!(scheme.equals("ws") || scheme.equals("wss"))
        || uri.getHost() == null
        || uri.getFragment() != null) {
      return null;
    }
    return uri;
  }

  private synchronized int awaitExit() throws InterruptedException {
    while (exitCode == null) {
      long now = System.nanoTime();
      long wait;
      if (closeSentNanos != 0) {
        wait = closeSentNanos + CLOSE_GRACE.toNanos() - now;
        if (wait <= 0) {
          exitCode = 0;
          break;
        }
      } else if (options.timeout() != null) {
        wait = lastActivityNanos + options.timeout().toNanos() - now;
        if (wait <= 0) {
          err.println(
              "quiver ws: no "
                  + (options.one() ? "reply" : "message")
                  + " from "
                  + url
                  + " within "
                  + seconds(options.timeout()));
          exitCode = 2;
          break;
        }
      } else {
        wait(); // until a message, a close or an error
        continue;
      }
      TimeUnit.NANOSECONDS.timedWait(this, wait);
    }
    return exitCode;
  }

  private synchronized void finish(int code) {
    if (exitCode == null) {
      exitCode = code;
      notifyAll();
    }
  }

  private synchronized boolean finished() {
    return exitCode != null;
  }

  /**
   * Waits while fewer messages came back than were sent, up to {@link #REPLY_GRACE} after the last.
   */
  private synchronized void awaitReplies() throws InterruptedException {
    while (exitCode == null && receivedCount < sentCount) {
      long left = lastActivityNanos + REPLY_GRACE.toNanos() - System.nanoTime();
      if (left <= 0) {
        return;
      }
      TimeUnit.NANOSECONDS.timedWait(this, left);
    }
  }

  private synchronized void sent() {
    sentCount++;
    lastActivityNanos = System.nanoTime();
  }

  private synchronized void closeSent() {
    closeSentNanos = System.nanoTime();
    notifyAll();
  }

  /** Sends stdin line by line until its end, then closes (unless told to keep listening). */
  private void pumpStdin(WebSocket socket) {
    InputStream input = new BufferedInputStream(in);
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    long lineNumber = 0;
    try {
      int b;
      while ((b = input.read()) != -1) {
        line.write(b);
        if (b == '\n') {
          if (!send(socket, line.toByteArray(), ++lineNumber)) {
            return;
          }
          line.reset();
        }
      }
      if (line.size() > 0 && !send(socket, line.toByteArray(), ++lineNumber)) {
        return;
      }
    } catch (IOException e) {
      err.println("quiver ws: cannot read stdin: " + e.getMessage());
    }
    if (options.one() || options.noClose() || finished()) {
      return; // keep listening: for the one reply, or until the server closes
    }
    try {
      awaitReplies();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    closeSent();
    socket.sendClose(WebSocket.NORMAL_CLOSURE, "").exceptionally(e -> null);
  }

  /** Sends one line; false when the connection is gone (the session is then over). */
  private boolean send(WebSocket socket, byte[] line, long lineNumber) {
    if (finished()) {
      return false;
    }
    byte[] payload = options.stripNewlines() ? stripNewline(line) : line;
    try {
      if (options.binary()) {
        socket.sendBinary(ByteBuffer.wrap(payload), true).get();
      } else {
        String text;
        try {
          text =
              StandardCharsets.UTF_8
                  .newDecoder()
                  .onMalformedInput(CodingErrorAction.REPORT)
                  .onUnmappableCharacter(CodingErrorAction.REPORT)
                  .decode(ByteBuffer.wrap(payload))
                  .toString();
        } catch (CharacterCodingException e) {
          err.println(
              "quiver ws: line "
                  + lineNumber
                  + " is not valid UTF-8 and was not sent (use --binary to send raw bytes)");
          return true;
        }
        socket.sendText(text, true).get();
      }
      sent();
      return true;
    } catch (ExecutionException | CompletionException | IllegalStateException e) {
      if (!finished()) {
        err.println("quiver ws: cannot send to " + url + ": " + describe(e, null));
        finish(1);
      }
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static byte[] stripNewline(byte[] line) {
    int end = line.length;
    if (end > 0 && line[end - 1] == '\n') {
      end--;
      if (end > 0 && line[end - 1] == '\r') {
        end--;
      }
    }
    return end == line.length ? line : Arrays.copyOf(line, end);
  }

  /**
   * Prints one received message on its own line; with -1 only the first, which ends the session.
   */
  private void received(byte[] message) {
    synchronized (this) {
      if (exitCode != null || (options.one() && messageReceived)) {
        return;
      }
      messageReceived = true;
    }
    synchronized (out) {
      out.write(message, 0, message.length);
      out.write('\n');
      out.flush();
    }
    synchronized (this) { // counted once printed: the end of stdin waits for this before closing
      receivedCount++;
      lastActivityNanos = System.nanoTime();
      notifyAll();
    }
    if (options.one()) {
      finish(0);
    }
  }

  private void closeQuietly(WebSocket socket) throws InterruptedException {
    if (!socket.isOutputClosed()) {
      socket.sendClose(WebSocket.NORMAL_CLOSURE, "").exceptionally(e -> null);
    }
    try {
      inputClosed.get(CLOSE_GRACE.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      // the server did not answer our close in time: drop the connection
    }
    socket.abort();
  }

  /** A short human explanation of a connection failure. */
  static String describe(Throwable failure, URI uri) {
    Throwable t = failure;
    while ((t instanceof ExecutionException || t instanceof CompletionException)
        && t.getCause() != null) {
      t = t.getCause();
    }
    if (t instanceof WebSocketHandshakeException h) {
      return "the server did not accept the websocket handshake (HTTP "
          + h.getResponse().statusCode()
          + ")";
    }
    String message = null; // the deepest one: wrappers repeat their cause's text with a class name
    for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
      if (c instanceof UnknownHostException || c instanceof UnresolvedAddressException) {
        return "unknown host " + (uri == null ? "" : uri.getHost());
      }
      if (c.getMessage() != null && !c.getMessage().isBlank()) {
        message = c.getMessage();
      }
    }
    if (message == null && t instanceof java.net.ConnectException) {
      return "Connection refused"; // the JDK's asynchronous connect says nothing more
    }
    return message != null ? message : t.getClass().getSimpleName();
  }

  private static String seconds(Duration d) {
    long millis = d.toMillis();
    return millis % 1000 == 0 ? (millis / 1000) + " s" : (millis / 1000.0) + " s";
  }

  /** Collects message fragments; prints complete messages. */
  private final class Listener implements WebSocket.Listener {
    private final StringBuilder text = new StringBuilder();
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    @Override
    public void onOpen(WebSocket socket) {
      socket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
      text.append(data);
      if (last) {
        CharBuffer chars = CharBuffer.wrap(text);
        ByteBuffer encoded = StandardCharsets.UTF_8.encode(chars);
        byte[] message = new byte[encoded.remaining()];
        encoded.get(message);
        text.setLength(0);
        received(message);
      }
      socket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket socket, ByteBuffer data, boolean last) {
      byte[] chunk = new byte[data.remaining()];
      data.get(chunk);
      bytes.writeBytes(chunk);
      if (last) {
        byte[] message = bytes.toByteArray();
        bytes.reset();
        received(message);
      }
      socket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket socket, int statusCode, String reason) {
      inputClosed.complete(null);
      boolean waitingForReply;
      synchronized (WsSession.this) {
        waitingForReply = options.one() && !messageReceived && exitCode == null;
      }
      if (waitingForReply) {
        err.println(
            "quiver ws: "
                + url
                + " closed the connection before replying (code "
                + statusCode
                + (reason == null || reason.isEmpty() ? "" : ": " + reason)
                + ")");
        finish(1);
      } else {
        finish(0);
      }
      return null;
    }

    @Override
    public void onError(WebSocket socket, Throwable error) {
      inputClosed.complete(null);
      if (!finished()) {
        err.println("quiver ws: connection to " + url + " failed: " + describe(error, null));
        finish(1);
      }
    }
  }
}
