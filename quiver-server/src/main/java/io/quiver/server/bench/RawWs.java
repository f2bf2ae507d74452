package io.quiver.server.bench;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A websocket client on a plain {@link Socket}, for {@code quiver bench abuse}: it writes frames
 * byte for byte as asked (bad opcodes, unmasked frames, invalid UTF-8, any close code), which a
 * real client library refuses to do. Every read has a timeout.
 */
final class RawWs implements AutoCloseable {
  static final int TEXT = 0x1;
  static final int CLOSE = 0x8;
  static final int PING = 0x9;
  static final int FIN = 0x80;

  /** The key of RFC 6455's example; the server answers it with a fixed accept value. */
  static final String KEY = "dGhlIHNhbXBsZSBub25jZQ==";

  /** A frame from the server. */
  record Frame(int opcode, boolean fin, byte[] payload) {
    /** The status code of a close frame, or -1 when it has none. */
    int closeCode() {
      return opcode == CLOSE && payload.length >= 2
          ? ((payload[0] & 0xff) << 8) | (payload[1] & 0xff)
          : -1;
    }

    String text() {
      return new String(payload, StandardCharsets.UTF_8);
    }
  }

  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;

  private RawWs(Socket socket) throws IOException {
    this.socket = socket;
    this.in = new java.io.BufferedInputStream(socket.getInputStream());
    this.out = socket.getOutputStream();
  }

  /** The handshake request for {@code host:port}. */
  static byte[] handshake(String host, int port) {
    return ("GET / HTTP/1.1\r\nHost: "
            + host
            + ":"
            + port
            + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            + "Sec-WebSocket-Key: "
            + KEY
            + "\r\nSec-WebSocket-Version: 13\r\n\r\n")
        .getBytes(StandardCharsets.US_ASCII);
  }

  /**
   * Connects, with {@code timeoutMs} for the connect and for every later read; {@code
   * receiveBuffer} (bytes, 0 for the default) is set before connecting so a client that does not
   * read fills it soon.
   */
  static Socket connect(String host, int port, int timeoutMs, int receiveBuffer)
      throws IOException {
    Socket s = new Socket();
    try {
      if (receiveBuffer > 0) {
        s.setReceiveBufferSize(receiveBuffer);
      }
      s.connect(new InetSocketAddress(host, port), timeoutMs);
      s.setSoTimeout(timeoutMs);
      return s;
    } catch (IOException e) {
      s.close();
      throw e;
    }
  }

  /** Connects and completes the websocket handshake, or throws with what the server said. */
  static RawWs open(String host, int port, int timeoutMs, int receiveBuffer, Sockets registry)
      throws IOException {
    Socket s = connect(host, port, timeoutMs, receiveBuffer);
    registry.add(s);
    RawWs ws = new RawWs(s);
    try {
      ws.out.write(handshake(host, port));
      ws.out.flush();
      String head = ws.readHead();
      String status = head.lines().findFirst().orElse("");
      if (!status.startsWith("HTTP/1.1 101")) {
        throw new IOException("handshake refused: " + status);
      }
      return ws;
    } catch (IOException e) {
      ws.close();
      throw e;
    }
  }

  private String readHead() throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int last4 = 0;
    while (last4 != 0x0d0a0d0a) { // the blank line that ends the response head
      int b = in.read();
      if (b < 0) {
        throw new EOFException("the server closed the connection during the handshake");
      }
      head.write(b);
      if (head.size() > 16384) {
        throw new IOException("handshake response over 16 KiB");
      }
      last4 = (last4 << 8) | b;
    }
    return head.toString(StandardCharsets.ISO_8859_1);
  }

  /**
   * Writes one frame: {@code firstByte} is FIN, RSV and opcode as sent; masked unless told not to.
   */
  void send(int firstByte, byte[] payload, boolean masked) throws IOException {
    ByteArrayOutputStream f = new ByteArrayOutputStream(payload.length + 14);
    f.write(firstByte);
    int maskBit = masked ? 0x80 : 0;
    if (payload.length < 126) {
      f.write(maskBit | payload.length);
    } else if (payload.length < 65536) {
      f.write(maskBit | 126);
      f.write(payload.length >>> 8);
      f.write(payload.length);
    } else {
      f.write(maskBit | 127);
      long n = payload.length;
      for (int shift = 56; shift >= 0; shift -= 8) {
        f.write((int) (n >>> shift));
      }
    }
    if (masked) {
      byte[] key = new byte[4];
      ThreadLocalRandom.current().nextBytes(key);
      f.write(key, 0, 4);
      byte[] body = new byte[payload.length];
      for (int i = 0; i < body.length; i++) {
        body[i] = (byte) (payload[i] ^ key[i & 3]);
      }
      f.write(body, 0, body.length);
    } else {
      f.write(payload, 0, payload.length);
    }
    out.write(f.toByteArray());
    out.flush();
  }

  /** A masked, final text frame. */
  void sendText(String text) throws IOException {
    send(FIN | TEXT, text.getBytes(StandardCharsets.UTF_8), true);
  }

  /** A close frame with {@code code} and {@code reason} bytes (masked, final). */
  void sendClose(int code, byte[] reason) throws IOException {
    byte[] p = new byte[2 + reason.length];
    p[0] = (byte) (code >>> 8);
    p[1] = (byte) code;
    System.arraycopy(reason, 0, p, 2, reason.length);
    send(FIN | CLOSE, p, true);
  }

  /**
   * The next frame from the server, or null when it closed the connection; throws {@link
   * java.net.SocketTimeoutException} when nothing came within the timeout. Payloads over {@code
   * maxPayload} are skipped (returned empty).
   */
  Frame read(int maxPayload) throws IOException {
    int b0 = in.read();
    if (b0 < 0) {
      return null;
    }
    int b1 = readByte();
    long len = b1 & 0x7f;
    if (len == 126) {
      len = ((long) readByte() << 8) | readByte();
    } else if (len == 127) {
      len = 0;
      for (int i = 0; i < 8; i++) {
        len = (len << 8) | readByte();
      }
    }
    byte[] key = null;
    if ((b1 & 0x80) != 0) {
      key = new byte[] {(byte) readByte(), (byte) readByte(), (byte) readByte(), (byte) readByte()};
    }
    byte[] payload;
    if (len > maxPayload) {
      in.skipNBytes(len);
      payload = new byte[0];
    } else {
      payload = in.readNBytes((int) len);
      if (payload.length < len) {
        return null;
      }
      if (key != null) {
        for (int i = 0; i < payload.length; i++) {
          payload[i] ^= key[i & 3];
        }
      }
    }
    return new Frame(b0 & 0x0f, (b0 & FIN) != 0, payload);
  }

  private int readByte() throws IOException {
    int b = in.read();
    if (b < 0) {
      throw new EOFException("the server closed the connection within a frame");
    }
    return b;
  }

  /** Closes at once, with a reset (no lingering buffers on either side). */
  @Override
  public void close() {
    try {
      socket.setSoLinger(true, 0);
    } catch (IOException ignored) {
      // closing anyway
    }
    try {
      socket.close();
    } catch (IOException ignored) {
      // already closed
    }
  }
}
