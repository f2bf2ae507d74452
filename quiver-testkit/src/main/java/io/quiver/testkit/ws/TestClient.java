package io.quiver.testkit.ws;

import java.io.ByteArrayOutputStream;
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
 * A well-behaved websocket client on the JDK's {@link WebSocket} that collects whole messages (text
 * or binary) and the close code it receives. For what a well-behaved client never sends, use {@link
 * RawWsClient}.
 */
public final class TestClient implements AutoCloseable {
  public record Message(boolean binary, byte[] bytes) {
    public String text() {
      return new String(bytes, StandardCharsets.UTF_8);
    }
  }

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  public final BlockingQueue<Message> messages = new LinkedBlockingQueue<>();
  public final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
  private final WebSocket socket;

  private TestClient(int port, String path) throws Exception {
    socket =
        HTTP.newWebSocketBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .buildAsync(URI.create("ws://127.0.0.1:" + port + path), new Collector())
            .get(10, TimeUnit.SECONDS);
  }

  private TestClient(HttpClient http, URI uri, String subprotocol, String... headers)
      throws Exception {
    WebSocket.Builder builder = http.newWebSocketBuilder();
    for (int i = 0; i < headers.length; i += 2) {
      builder.header(headers[i], headers[i + 1]);
    }
    if (subprotocol != null) {
      builder.subprotocols(subprotocol);
    }
    socket = builder.buildAsync(uri, new Collector()).get(5, TimeUnit.SECONDS);
  }

  /**
   * Connects with its own HTTP client (e.g. with an SSLContext), a subprotocol and header pairs.
   */
  public static TestClient connect(HttpClient http, URI uri, String subprotocol, String... headers)
      throws Exception {
    return new TestClient(http, uri, subprotocol, headers);
  }

  /** The subprotocol the server chose ("" for none). */
  public String subprotocol() {
    return socket.getSubprotocol();
  }

  public static TestClient connect(int port) throws Exception {
    return new TestClient(port, "/");
  }

  public static TestClient connect(int port, String path) throws Exception {
    return new TestClient(port, path);
  }

  public void send(String text) {
    socket.sendText(text, true).join();
  }

  public void sendParts(String... parts) {
    for (int i = 0; i < parts.length; i++) {
      socket.sendText(parts[i], i == parts.length - 1).join();
    }
  }

  public void sendBinary(byte[] data) {
    socket.sendBinary(ByteBuffer.wrap(data), true).join();
  }

  /** The next message, waiting at most 5 s; fails when none arrives. */
  public Message next() throws InterruptedException {
    return next(Duration.ofSeconds(5));
  }

  /** The next message, waiting at most {@code timeout}; fails when none arrives. */
  public Message next(Duration timeout) throws InterruptedException {
    Message m = messages.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    if (m == null) {
      throw new AssertionError("no message within " + describe(timeout));
    }
    return m;
  }

  /** The next message, which must be a text message, waiting at most 5 s. */
  public String nextText() throws InterruptedException {
    return nextText(Duration.ofSeconds(5));
  }

  /** The next message, which must be a text message, waiting at most {@code timeout}. */
  public String nextText(Duration timeout) throws InterruptedException {
    Message m = next(timeout);
    if (m.binary()) {
      throw new AssertionError("expected a text message, got binary " + m.text());
    }
    return m.text();
  }

  /** The next {@code n} messages (all text), all within {@code timeout}. */
  public List<String> nextTexts(int n, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    List<String> out = new ArrayList<>(n);
    while (out.size() < n) {
      long left = deadline - System.nanoTime();
      Message m = messages.poll(Math.max(0, left), TimeUnit.NANOSECONDS);
      if (m == null) {
        throw new AssertionError(
            "got "
                + out.size()
                + " of "
                + n
                + " messages within "
                + describe(timeout)
                + ": "
                + out);
      }
      if (m.binary()) {
        throw new AssertionError("expected a text message, got binary " + m.text());
      }
      out.add(m.text());
    }
    return out;
  }

  /** The messages received but not yet taken, as UTF-8 text. */
  public List<String> pending() {
    List<Message> taken = new ArrayList<>();
    messages.drainTo(taken);
    return taken.stream().map(Message::text).toList();
  }

  /** The close code the server sent, waiting at most 5 s; fails when none came. */
  public int awaitClose() throws Exception {
    return closeCode(Duration.ofSeconds(5));
  }

  /** The close code the server sent, waiting at most {@code timeout}; fails when none came. */
  public int closeCode(Duration timeout) throws Exception {
    return closeCode.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  private static String describe(Duration timeout) {
    return timeout.toMillis() % 1000 == 0 ? timeout.toSeconds() + " s" : timeout.toMillis() + " ms";
  }

  /** Drops the TCP connection without a close frame. */
  public void abort() {
    socket.abort();
  }

  @Override
  public void close() {
    if (!socket.isOutputClosed()) {
      try {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "").get(5, TimeUnit.SECONDS);
      } catch (Exception e) {
        socket.abort();
      }
    }
  }

  private final class Collector implements WebSocket.Listener {
    private final StringBuilder text = new StringBuilder();
    private final ByteArrayOutputStream binary = new ByteArrayOutputStream();

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      text.append(data);
      if (last) {
        messages.add(new Message(false, text.toString().getBytes(StandardCharsets.UTF_8)));
        text.setLength(0);
      }
      ws.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
      byte[] chunk = new byte[data.remaining()];
      data.get(chunk);
      binary.writeBytes(chunk);
      if (last) {
        messages.add(new Message(true, binary.toByteArray()));
        binary.reset();
      }
      ws.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
      closeCode.complete(statusCode);
      return null;
    }

    @Override
    public void onError(WebSocket ws, Throwable error) {
      closeCode.completeExceptionally(error);
    }
  }
}
