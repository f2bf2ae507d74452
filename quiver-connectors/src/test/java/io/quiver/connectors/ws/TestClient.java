package io.quiver.connectors.ws;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A websocket client on the JDK's java.net.http.WebSocket that collects whole messages. */
final class TestClient implements AutoCloseable {
  record Message(boolean binary, byte[] bytes) {
    String text() {
      return new String(bytes, StandardCharsets.UTF_8);
    }
  }

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  final BlockingQueue<Message> messages = new LinkedBlockingQueue<>();
  final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
  private final WebSocket socket;

  private TestClient(int port, String path) throws Exception {
    socket =
        HTTP.newWebSocketBuilder()
            .buildAsync(URI.create("ws://127.0.0.1:" + port + path), new Collector())
            .get(5, TimeUnit.SECONDS);
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
  static TestClient connect(HttpClient http, URI uri, String subprotocol, String... headers)
      throws Exception {
    return new TestClient(http, uri, subprotocol, headers);
  }

  /** The subprotocol the server chose ("" for none). */
  String subprotocol() {
    return socket.getSubprotocol();
  }

  static TestClient connect(int port) throws Exception {
    return new TestClient(port, "/");
  }

  static TestClient connect(int port, String path) throws Exception {
    return new TestClient(port, path);
  }

  void send(String text) {
    socket.sendText(text, true).join();
  }

  void sendParts(String... parts) {
    for (int i = 0; i < parts.length; i++) {
      socket.sendText(parts[i], i == parts.length - 1).join();
    }
  }

  void sendBinary(byte[] data) {
    socket.sendBinary(ByteBuffer.wrap(data), true).join();
  }

  Message next() throws InterruptedException {
    Message m = messages.poll(5, TimeUnit.SECONDS);
    if (m == null) {
      throw new AssertionError("no message within 5 s");
    }
    return m;
  }

  String nextText() throws InterruptedException {
    Message m = next();
    if (m.binary()) {
      throw new AssertionError("expected a text message, got binary " + m.text());
    }
    return m.text();
  }

  int awaitClose() throws Exception {
    return closeCode.get(5, TimeUnit.SECONDS);
  }

  /** Drops the TCP connection without a close frame. */
  void abort() {
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
