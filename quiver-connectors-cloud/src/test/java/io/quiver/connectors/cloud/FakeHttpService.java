package io.quiver.connectors.cloud;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * A protocol-level stand-in for a cloud HTTP API on 127.0.0.1 (the JDK's HTTP server): records
 * every request exactly as it arrived (method, path with query, headers, raw body) and answers with
 * what {@code responder} says. {@link #stop} and {@link #restart} take it away and bring it back on
 * the same port.
 */
public final class FakeHttpService implements AutoCloseable {
  /** One request as it arrived. */
  public record Request(String method, String uri, Map<String, List<String>> headers, byte[] body) {
    public String header(String name) {
      for (Map.Entry<String, List<String>> e : headers.entrySet()) {
        if (e.getKey().equalsIgnoreCase(name)) {
          return e.getValue().get(0);
        }
      }
      return null;
    }

    public String text() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  /** An answer. */
  public record Response(int status, String contentType, byte[] body) {
    public static Response json(int status, String json) {
      return new Response(status, "application/json", json.getBytes(StandardCharsets.UTF_8));
    }
  }

  public final List<Request> requests = new CopyOnWriteArrayList<>();
  private volatile Function<Request, Response> responder;
  private HttpServer server;
  private int port;

  public FakeHttpService(Function<Request, Response> responder) throws IOException {
    this.responder = responder;
    listen(0);
  }

  public void respondWith(Function<Request, Response> newResponder) {
    this.responder = newResponder;
  }

  private void listen(int onPort) throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", onPort), 50);
    server.setExecutor(Executors.newFixedThreadPool(4));
    server.createContext("/", this::handle);
    server.start();
    port = server.getAddress().getPort();
  }

  private void handle(HttpExchange ex) throws IOException {
    byte[] body;
    try (InputStream in = ex.getRequestBody()) {
      body = in.readAllBytes();
    }
    Request r =
        new Request(
            ex.getRequestMethod(),
            ex.getRequestURI().getRawPath()
                + (ex.getRequestURI().getRawQuery() == null
                    ? ""
                    : "?" + ex.getRequestURI().getRawQuery()),
            Map.copyOf(ex.getRequestHeaders()),
            body);
    requests.add(r);
    Response answer;
    try {
      answer = responder.apply(r);
    } catch (RuntimeException e) {
      answer = Response.json(500, "{\"error\":\"" + e + "\"}");
    }
    if (answer.contentType() != null) {
      ex.getResponseHeaders().add("Content-Type", answer.contentType());
    }
    ex.sendResponseHeaders(answer.status(), answer.body().length == 0 ? -1 : answer.body().length);
    try (var out = ex.getResponseBody()) {
      out.write(answer.body());
    }
  }

  public int port() {
    return port;
  }

  public String url() {
    return "http://127.0.0.1:" + port;
  }

  /** Takes the service away: the port refuses connections. */
  public void stop() {
    server.stop(0);
    ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
  }

  /** Brings it back on the same port. */
  public void restart() throws IOException {
    listen(port);
  }

  @Override
  public void close() {
    stop();
  }
}
