package io.quiver.testkit.ws;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * A websocket client on a plain socket that writes frames byte by byte, so tests can send what a
 * well-behaved client never would (unmasked frames, bad opcodes, invalid UTF-8, ...), and that
 * answers nothing on its own (no pongs, no close replies).
 */
public final class RawWsClient implements AutoCloseable {
  public record Frame(int opcode, boolean fin, byte[] payload) {
    public int closeCode() {
      return payload.length >= 2 ? ((payload[0] & 0xff) << 8) | (payload[1] & 0xff) : 1005;
    }

    public String closeReason() {
      return payload.length > 2
          ? new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8)
          : "";
    }

    public String text() {
      return new String(payload, StandardCharsets.UTF_8);
    }
  }

  public static final int TEXT = 1;
  public static final int BINARY = 2;
  public static final int CLOSE = 8;
  public static final int PING = 9;
  public static final int PONG = 10;

  private final Socket socket;
  private final OutputStream out;
  private final DataInputStream in;
  public final String handshakeResponse;

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
  public static RawWsClient connect(int port, String path, String... extraHeaders)
      throws IOException {
    return new RawWsClient(port, handshakeRequest(path, extraHeaders));
  }

  public static RawWsClient connect(int port) throws IOException {
    return connect(port, "/");
  }

  /** Sends arbitrary bytes instead of a handshake and reads what comes back as the "response". */
  public static RawWsClient sendRaw(int port, String bytes) throws IOException {
    return new RawWsClient(port, bytes);
  }

  /** A client's upgrade request (see {@link WsHandshake#request}). */
  public static String handshakeRequest(String path, String... extraHeaders) {
    return WsHandshake.request(path, extraHeaders);
  }

  /** The HTTP status code of the handshake response. */
  public int status() {
    String[] parts = handshakeResponse.split(" ", 3);
    return parts.length < 2 ? -1 : Integer.parseInt(parts[1]);
  }

  /** Reads an HTTP response head (up to the blank line); empty if the peer closed first. */
  public static String readHead(InputStream in) throws IOException {
    return WsHandshake.readHead(in);
  }

  public void sendFrame(int opcode, boolean fin, boolean masked, byte[] payload)
      throws IOException {
    out.write(WsFrames.encode(opcode, fin, 0, masked, payload));
    out.flush();
  }

  public void sendText(String text) throws IOException {
    sendFrame(TEXT, true, true, text.getBytes(StandardCharsets.UTF_8));
  }

  /** The next frame; throws on timeout (5 s) or end of stream. */
  public Frame readFrame() throws IOException {
    WsFrames.Decoded f = WsFrames.read(in);
    return new Frame(f.opcode(), f.fin(), f.payload());
  }

  /** Reads frames, skipping pings, until a close frame arrives; returns it. */
  public Frame awaitClose() throws IOException {
    while (true) {
      Frame f = readFrame();
      if (f.opcode() == CLOSE) {
        return f;
      }
    }
  }

  /** Whether the server closed the TCP connection (end of stream) within the socket timeout. */
  public boolean awaitEndOfStream() throws IOException {
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
