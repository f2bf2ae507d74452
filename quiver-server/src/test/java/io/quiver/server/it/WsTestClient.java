package io.quiver.server.it;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A websocket client for tests, on the JDK's {@link WebSocket}: collects every message received.
 */
final class WsTestClient implements AutoCloseable {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private final WebSocket socket;
  private final BlockingQueue<String> received = new LinkedBlockingQueue<>();
  private final CompletableFuture<Integer> closed = new CompletableFuture<>();

  private WsTestClient(URI uri) throws Exception {
    socket =
        HTTP.newWebSocketBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .buildAsync(uri, new Listener())
            .get(10, TimeUnit.SECONDS);
  }

  static WsTestClient connect(int port) throws Exception {
    return new WsTestClient(URI.create("ws://127.0.0.1:" + port + "/"));
  }

  /** Sends one text message (as websocat does, the caller includes the newline). */
  void send(String text) throws Exception {
    socket.sendText(text, true).get(5, TimeUnit.SECONDS);
  }

  void sendBinary(byte[] data) throws Exception {
    socket.sendBinary(ByteBuffer.wrap(data), true).get(5, TimeUnit.SECONDS);
  }

  /** The next message, waiting at most {@code timeout}; fails when none arrives. */
  String next(Duration timeout) throws InterruptedException {
    String m = received.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    if (m == null) {
      throw new AssertionError("no message within " + timeout);
    }
    return m;
  }

  String next() throws InterruptedException {
    return next(Duration.ofSeconds(5));
  }

  /** The next {@code n} messages. */
  List<String> next(int n, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    List<String> out = new ArrayList<>(n);
    while (out.size() < n) {
      long left = deadline - System.nanoTime();
      String m = received.poll(Math.max(0, left), TimeUnit.NANOSECONDS);
      if (m == null) {
        throw new AssertionError(
            "got " + out.size() + " of " + n + " messages within " + timeout + ": " + out);
      }
      out.add(m);
    }
    return out;
  }

  /** Messages received but not yet taken. */
  List<String> pending() {
    List<String> out = new ArrayList<>();
    received.drainTo(out);
    return out;
  }

  /** The close code the server sent, waiting at most {@code timeout}; fails when none came. */
  int closeCode(Duration timeout) throws Exception {
    return closed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public void close() {
    try {
      socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(5, TimeUnit.SECONDS);
    } catch (Exception e) {
      socket.abort();
    }
  }

  private final class Listener implements WebSocket.Listener {
    private final StringBuilder text = new StringBuilder();
    private final java.io.ByteArrayOutputStream binary = new java.io.ByteArrayOutputStream();

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      text.append(data);
      if (last) {
        received.add(text.toString());
        text.setLength(0);
      }
      ws.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
      byte[] bytes = new byte[data.remaining()];
      data.get(bytes);
      binary.writeBytes(bytes);
      if (last) {
        received.add(new String(binary.toByteArray(), StandardCharsets.UTF_8));
        binary.reset();
      }
      ws.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
      closed.complete(statusCode);
      return null;
    }

    @Override
    public void onError(WebSocket ws, Throwable error) {
      closed.completeExceptionally(error);
    }
  }
}
