package io.quiver.testkit.ws;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * A websocket client on a plain socket that speaks permessage-deflate (RFC 7692) itself, with the
 * JDK's Deflater and Inflater (raw deflate, context kept across messages), so tests see the bits on
 * the wire: the extension header of the handshake, RSV1 on frames, compressed payloads.
 */
public final class DeflateRawClient implements AutoCloseable {
  /** A frame as received; {@code rsv} is the three reserved bits (4 = RSV1). */
  public record Frame(int opcode, boolean fin, int rsv, byte[] payload) {
    public int closeCode() {
      return payload.length >= 2 ? ((payload[0] & 0xff) << 8) | (payload[1] & 0xff) : 1005;
    }
  }

  private static final byte[] TAIL = {0, 0, (byte) 0xff, (byte) 0xff};

  private final Socket socket;
  private final OutputStream out;
  private final DataInputStream in;
  private final Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
  private final Inflater inflater = new Inflater(true);
  public final String handshakeResponse;

  /** Connects and sends a handshake offering {@code extensions} (null: no offer). */
  public DeflateRawClient(int port, String extensions) throws IOException {
    socket = new Socket("127.0.0.1", port);
    socket.setSoTimeout(5_000);
    out = socket.getOutputStream();
    in = new DataInputStream(socket.getInputStream());
    String request =
        extensions == null
            ? WsHandshake.request("/")
            : WsHandshake.request("/", "Sec-WebSocket-Extensions: " + extensions);
    out.write(request.getBytes(StandardCharsets.US_ASCII));
    out.flush();
    handshakeResponse = WsHandshake.readHead(in);
  }

  /** The value of the response's Sec-WebSocket-Extensions header, or null. */
  public String acceptedExtensions() {
    for (String line : handshakeResponse.split("\r\n")) {
      int colon = line.indexOf(':');
      if (colon > 0
          && line.substring(0, colon).trim().equalsIgnoreCase("sec-websocket-extensions")) {
        return line.substring(colon + 1).trim();
      }
    }
    return null;
  }

  /** Deflates {@code data} with a sync flush, keeping the context (the 4-byte tail is kept). */
  public byte[] deflatePart(byte[] data) {
    deflater.setInput(data);
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    byte[] buf = new byte[8192];
    int n;
    while ((n = deflater.deflate(buf, 0, buf.length, Deflater.SYNC_FLUSH)) > 0) {
      b.write(buf, 0, n);
      if (n < buf.length) {
        break;
      }
    }
    return b.toByteArray();
  }

  /** The payload of one compressed message: the deflated data without the trailing 00 00 ff ff. */
  public byte[] compress(byte[] data) {
    byte[] all = deflatePart(data);
    return Arrays.copyOf(all, all.length - TAIL.length);
  }

  public void sendCompressedText(String text) throws IOException {
    sendFrame(RawWsClient.TEXT, true, 4, compress(text.getBytes(StandardCharsets.UTF_8)));
  }

  public void sendFrame(int opcode, boolean fin, int rsv, byte[] payload) throws IOException {
    out.write(WsFrames.encode(opcode, fin, rsv, true, payload));
    out.flush();
  }

  public Frame readFrame() throws IOException {
    WsFrames.Decoded f = WsFrames.read(in);
    return new Frame(f.opcode(), f.fin(), f.rsv(), f.payload());
  }

  /** The text of a compressed message's payload (context kept across messages). */
  public String inflate(byte[] payload) throws DataFormatException {
    byte[] input = Arrays.copyOf(payload, payload.length + TAIL.length);
    System.arraycopy(TAIL, 0, input, payload.length, TAIL.length);
    inflater.setInput(input);
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    byte[] buf = new byte[8192];
    int n;
    while ((n = inflater.inflate(buf)) > 0) {
      b.write(buf, 0, n);
    }
    return b.toString(StandardCharsets.UTF_8);
  }

  @Override
  public void close() throws IOException {
    deflater.end();
    inflater.end();
    socket.close();
  }
}
