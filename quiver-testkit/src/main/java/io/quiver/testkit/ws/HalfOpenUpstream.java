package io.quiver.testkit.ws;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An upstream that completes the websocket handshake and then ignores everything: it never reads
 * again, never answers pings and never closes (a half-open or hung peer).
 */
public final class HalfOpenUpstream implements AutoCloseable {
  private static final Pattern KEY = Pattern.compile("(?i)Sec-WebSocket-Key:\\s*(\\S+)");

  private final ServerSocket server;
  private final List<Socket> accepted = new ArrayList<>();
  public final AtomicInteger handshakes = new AtomicInteger();

  public HalfOpenUpstream() throws IOException {
    server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread t = new Thread(this::acceptLoop, "half-open-upstream");
    t.setDaemon(true);
    t.start();
  }

  public String url() {
    return "ws://127.0.0.1:" + server.getLocalPort();
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket s = server.accept();
        synchronized (accepted) {
          accepted.add(s);
        }
        InputStream in = s.getInputStream();
        String head = WsHandshake.readHead(in);
        Matcher m = KEY.matcher(head);
        if (!m.find()) {
          continue;
        }
        s.getOutputStream()
            .write(WsHandshake.switchingProtocols(m.group(1)).getBytes(StandardCharsets.US_ASCII));
        s.getOutputStream().flush();
        handshakes.incrementAndGet();
      } catch (Exception e) {
        if (server.isClosed()) {
          return;
        }
      }
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
    synchronized (accepted) {
      for (Socket s : accepted) {
        s.close();
      }
    }
  }
}
