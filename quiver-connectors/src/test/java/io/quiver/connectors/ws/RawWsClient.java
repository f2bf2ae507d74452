package io.quiver.connectors.ws;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A websocket client on a plain socket that writes frames byte by byte, so tests can send what a
 * well-behaved client never would (unmasked frames, bad opcodes, invalid UTF-8, ...), and that
 * answers nothing on its own (no pongs, no close replies).
 */
final class RawWsClient implements AutoCloseable {
  record Frame(int opcode, boolean fin, byte[] payload) {
    int closeCode() {
      return payload.length >= 2 ? ((payload[0] & 0xff) << 8) | (payload[1] & 0xff) : 1005;
    }

    String closeReason() {
      return payload.length > 2
          ? new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8)
          : "";
    }

    String text() {
      return new String(payload, StandardCharsets.UTF_8);
    }
  }

  static final int TEXT = 1;
  static final int BINARY = 2;
  static final int CLOSE = 8;
  static final int PING = 9;
  static final int PONG = 10;

  private final Socket socket;
  private final OutputStream out;
  private final DataInputStream in;
  final String handshakeResponse;

  private RawWsClient(int port, String request) throws IOException {
    socket = new Socket("127.0.0.1", port);
    socket.setSoTimeout(5_000);
    out = socket.getOutputStream();
    in = new DataInputStream(socket.getInputStream());
    out.write(request.getBytes(StandardCharsets.US_ASCII));
    out.flush();
    handshakeResponse = readHead(in);
  }

  /** Connects and completes a websocket handshake for {@code path} (with extra header lines). */
  static RawWsClient connect(int port, String path, String... extraHeaders) throws IOException {
    return new RawWsClient(port, handshakeRequest(path, extraHeaders));
  }

  static RawWsClient connect(int port) throws IOException {
    return connect(port, "/");
  }

  /** Sends arbitrary bytes instead of a handshake and reads what comes back as the "response". */
  static RawWsClient sendRaw(int port, String bytes) throws IOException {
    return new RawWsClient(port, bytes);
  }

  static String handshakeRequest(String path, String... extraHeaders) {
    byte[] nonce = new byte[16];
    ThreadLocalRandom.current().nextBytes(nonce);
    StringBuilder r =
        new StringBuilder("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n")
            .append("Connection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: ")
            .append(Base64.getEncoder().encodeToString(nonce))
            .append("\r\n");
    for (String h : extraHeaders) {
      r.append(h).append("\r\n");
    }
    return r.append("\r\n").toString();
  }

  /** The HTTP status code of the handshake response. */
  int status() {
    String[] parts = handshakeResponse.split(" ", 3);
    return parts.length < 2 ? -1 : Integer.parseInt(parts[1]);
  }

  /** Reads an HTTP response head (up to the blank line); empty if the peer closed first. */
  static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    byte[] end = {'\r', '\n', '\r', '\n'};
    while (matched < 4) {
      int b = in.read();
      if (b < 0) {
        break;
      }
      head.write(b);
      matched = b == end[matched] ? matched + 1 : b == '\r' ? 1 : 0;
    }
    return head.toString(StandardCharsets.ISO_8859_1);
  }

  void sendFrame(int opcode, boolean fin, boolean masked, byte[] payload) throws IOException {
    ByteArrayOutputStream f = new ByteArrayOutputStream();
    f.write((fin ? 0x80 : 0) | opcode);
    int maskBit = masked ? 0x80 : 0;
    if (payload.length < 126) {
      f.write(maskBit | payload.length);
    } else if (payload.length < 65536) {
      f.write(maskBit | 126);
      f.write(payload.length >> 8);
      f.write(payload.length & 0xff);
    } else {
      f.write(maskBit | 127);
      for (int i = 7; i >= 0; i--) {
        f.write((int) ((long) payload.length >> (8 * i)) & 0xff);
      }
    }
    byte[] body = payload.clone();
    if (masked) {
      byte[] mask = new byte[4];
      ThreadLocalRandom.current().nextBytes(mask);
      f.write(mask);
      for (int i = 0; i < body.length; i++) {
        body[i] ^= mask[i % 4];
      }
    }
    f.write(body);
    out.write(f.toByteArray());
    out.flush();
  }

  void sendText(String text) throws IOException {
    sendFrame(TEXT, true, true, text.getBytes(StandardCharsets.UTF_8));
  }

  /** The next frame; throws on timeout (5 s) or end of stream. */
  Frame readFrame() throws IOException {
    int b0 = in.readUnsignedByte();
    int b1 = in.readUnsignedByte();
    long len = b1 & 0x7f;
    if (len == 126) {
      len = in.readUnsignedShort();
    } else if (len == 127) {
      len = in.readLong();
    }
    byte[] mask = null;
    if ((b1 & 0x80) != 0) {
      mask = new byte[4];
      in.readFully(mask);
    }
    byte[] payload = new byte[(int) len];
    in.readFully(payload);
    if (mask != null) {
      for (int i = 0; i < payload.length; i++) {
        payload[i] ^= mask[i % 4];
      }
    }
    return new Frame(b0 & 0x0f, (b0 & 0x80) != 0, payload);
  }

  /** Reads frames, skipping pings, until a close frame arrives; returns it. */
  Frame awaitClose() throws IOException {
    while (true) {
      Frame f = readFrame();
      if (f.opcode() == CLOSE) {
        return f;
      }
    }
  }

  /** Whether the server closed the TCP connection (end of stream) within the socket timeout. */
  boolean awaitEndOfStream() throws IOException {
    try {
      while (in.read() >= 0) {
        // discard
      }
      return true;
    } catch (SocketTimeoutException e) {
      return false;
    } catch (IOException e) {
      return true; // reset
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
