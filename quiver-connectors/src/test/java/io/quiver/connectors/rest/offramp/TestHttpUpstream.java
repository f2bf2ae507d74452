package io.quiver.connectors.rest.offramp;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;

/**
 * A small upstream HTTP server on 127.0.0.1 (the JDK's), recording what it receives. Paths: {@code
 * /echo} answers JSON {@code {"method", "uri", "body"}} with two {@code Multiple} headers; {@code
 * /text} plain text; {@code /missing} 404 with a JSON body; {@code /empty} 204; {@code /slow} never
 * answers (until closed); {@code /gate} waits for {@link #openGate} and counts how many wait at
 * once.
 */
final class TestHttpUpstream implements AutoCloseable {
  record Received(
      String method, String uri, Map<String, List<String>> headers, String body, int remotePort) {
    String header(String name) {
      for (Map.Entry<String, List<String>> e : headers.entrySet()) {
        if (e.getKey().equalsIgnoreCase(name)) {
          return String.join(",", e.getValue());
        }
      }
      return null;
    }
  }

  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  final List<Received> received = new CopyOnWriteArrayList<>();
  final Set<Integer> remotePorts = ConcurrentHashMap.newKeySet();
  final AtomicInteger atGate = new AtomicInteger();
  final AtomicInteger maxAtGate = new AtomicInteger();
  private final CountDownLatch gate = new CountDownLatch(1);
  private final CountDownLatch closing = new CountDownLatch(1);

  private TestHttpUpstream(HttpServer server) {
    this.server = server;
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  static TestHttpUpstream http() throws IOException {
    return new TestHttpUpstream(
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0));
  }

  static TestHttpUpstream https(SSLContext context) throws IOException {
    HttpsServer s =
        HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    s.setHttpsConfigurator(new HttpsConfigurator(context));
    return new TestHttpUpstream(s);
  }

  int port() {
    return server.getAddress().getPort();
  }

  void openGate() {
    gate.countDown();
  }

  private void handle(HttpExchange x) throws IOException {
    String body = new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    String uri = x.getRequestURI().toString();
    received.add(
        new Received(
            x.getRequestMethod(),
            uri,
            Map.copyOf(x.getRequestHeaders()),
            body,
            x.getRemoteAddress().getPort()));
    remotePorts.add(x.getRemoteAddress().getPort());
    try {
      String path = x.getRequestURI().getPath();
      switch (path) {
        case "/text" -> send(x, 200, "text/plain; charset=utf-8", "hello");
        case "/missing" -> send(x, 404, "application/json", "{\"error\":\"nope\"}");
        case "/empty" -> {
          x.sendResponseHeaders(204, -1);
          x.close();
        }
        case "/slow" -> closing.await();
        case "/gate" -> {
          maxAtGate.accumulateAndGet(atGate.incrementAndGet(), Math::max);
          gate.await(30, TimeUnit.SECONDS);
          atGate.decrementAndGet();
          send(x, 200, "application/json", "{\"gate\":true}");
        }
        default -> {
          x.getResponseHeaders().add("Multiple", "first");
          x.getResponseHeaders().add("Multiple", "second");
          String json =
              "{\"method\":\""
                  + x.getRequestMethod()
                  + "\",\"uri\":\""
                  + uri
                  + "\",\"body\":"
                  + io.quiver.value.Json.write(io.quiver.value.Value.of(body))
                  + "}";
          send(x, 200, "application/json", json);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void send(HttpExchange x, int status, String type, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    x.getResponseHeaders().add("Content-Type", type);
    if (x.getRequestMethod().equals("HEAD")) {
      x.getResponseHeaders().add("Content-Length", String.valueOf(bytes.length));
      x.sendResponseHeaders(status, -1);
      x.close();
      return;
    }
    x.sendResponseHeaders(status, bytes.length);
    x.getResponseBody().write(bytes);
    x.close();
  }

  @Override
  public void close() {
    closing.countDown();
    gate.countDown();
    server.stop(0);
    executor.shutdownNow();
  }
}
