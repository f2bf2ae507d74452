package io.quiver.connectors.ws;

import java.io.ByteArrayOutputStream;
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
final class NonReadingClient implements AutoCloseable {
  private final Socket socket;
  private final OutputStream out;
  private final DataInputStream in;

  NonReadingClient(int port) throws IOException {
    socket = new Socket();
    socket.setReceiveBufferSize(16 * 1024); // before connecting, so the window stays small
    socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
    socket.setSoTimeout(10_000);
    out = socket.getOutputStream();
    in = new DataInputStream(socket.getInputStream());
    out.write(RawWsClient.handshakeRequest("/").getBytes(StandardCharsets.US_ASCII));
    out.flush();
    String head = RawWsClient.readHead(in);
    if (!head.startsWith("HTTP/1.1 101 ")) {
      throw new IOException("handshake refused: " + head);
    }
  }

  /** Sends one masked text message (short, so it never waits for the proxy to read). */
  void send(String text) throws IOException {
    byte[] payload = text.getBytes(StandardCharsets.UTF_8);
    if (payload.length > 125) {
      throw new IllegalArgumentException("keep requests under 126 bytes");
    }
    ByteArrayOutputStream frame = new ByteArrayOutputStream();
    frame.write(0x81);
    frame.write(0x80 | payload.length);
    byte[] mask = {1, 2, 3, 4};
    frame.write(mask);
    for (int i = 0; i < payload.length; i++) {
      frame.write(payload[i] ^ mask[i % 4]);
    }
    out.write(frame.toByteArray());
    out.flush();
  }

  /** Reads the next frame: its opcode and payload (the proxy does not mask). */
  RawWsClient.Frame read() throws IOException {
    int b0 = in.readUnsignedByte();
    int b1 = in.readUnsignedByte();
    long len = b1 & 0x7f;
    if (len == 126) {
      len = in.readUnsignedShort();
    } else if (len == 127) {
      len = in.readLong();
    }
    byte[] payload = new byte[(int) len];
    in.readFully(payload);
    return new RawWsClient.Frame(b0 & 0x0f, (b0 & 0x80) != 0, payload);
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
