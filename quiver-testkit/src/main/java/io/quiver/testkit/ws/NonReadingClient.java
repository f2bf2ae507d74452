package io.quiver.testkit.ws;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A websocket client on a raw socket with a small receive buffer that sends requests and reads
 * nothing until told to: what it does not read piles up in the proxy (and, a little, in the
 * kernel).
 */
public final class NonReadingClient implements AutoCloseable {
  private static final byte[] MASK = {1, 2, 3, 4};

  private final Socket socket;
  private final OutputStream out;
  private final DataInputStream in;

  public NonReadingClient(int port) throws IOException {
    socket = new Socket();
    socket.setReceiveBufferSize(16 * 1024); // before connecting, so the window stays small
    socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
    socket.setSoTimeout(10_000);
    out = socket.getOutputStream();
    in = new DataInputStream(socket.getInputStream());
    out.write(WsHandshake.request("/").getBytes(StandardCharsets.US_ASCII));
    out.flush();
    String head = WsHandshake.readHead(in);
    if (!head.startsWith("HTTP/1.1 101 ")) {
      throw new IOException("handshake refused: " + head);
    }
  }

  /** Sends one masked text message (short, so it never waits for the proxy to read). */
  public void send(String text) throws IOException {
    byte[] payload = text.getBytes(StandardCharsets.UTF_8);
    if (payload.length > 125) {
      throw new IllegalArgumentException("keep requests under 126 bytes");
    }
    out.write(WsFrames.encode(RawWsClient.TEXT, true, 0, MASK, payload));
    out.flush();
  }

  /** Reads the next frame: its opcode and payload (the proxy does not mask). */
  public RawWsClient.Frame read() throws IOException {
    WsFrames.Decoded f = WsFrames.read(in);
    return new RawWsClient.Frame(f.opcode(), f.fin(), f.payload());
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
