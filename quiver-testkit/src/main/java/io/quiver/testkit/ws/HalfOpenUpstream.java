package io.quiver.testkit.ws;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An upstream that completes the websocket handshake and then ignores everything: it never reads
 * again, never answers pings and never closes (a half-open or hung peer).
 */
public final class HalfOpenUpstream implements AutoCloseable {
  private static final Pattern KEY = Pattern.compile("(?i)Sec-WebSocket-Key:\\s*(\\S+)");

  private final LoopbackAcceptor server;
  public final AtomicInteger handshakes = new AtomicInteger();

  public HalfOpenUpstream() throws IOException {
    server = new LoopbackAcceptor("half-open-upstream", this::handshakeThenIgnore);
  }

  public String url() {
    return "ws://127.0.0.1:" + server.port();
  }

  private void handshakeThenIgnore(Socket s) throws IOException {
    InputStream in = s.getInputStream();
    String head = WsHandshake.readHead(in);
    Matcher m = KEY.matcher(head);
    if (!m.find()) {
      return;
    }
    s.getOutputStream()
        .write(WsHandshake.switchingProtocols(m.group(1)).getBytes(StandardCharsets.US_ASCII));
    s.getOutputStream().flush();
    handshakes.incrementAndGet();
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
