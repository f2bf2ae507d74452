package io.quiver.testkit.ws;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;

/**
 * The conformance suite's side of one websocket connection, on a plain socket whose handshake is
 * already done: writes {@link WireFrame}s (masked as a client, unmasked as a server, optionally a
 * few bytes per write) and reads the frames that come back, keeping whether they were masked. It
 * answers nothing on its own.
 */
public final class WirePeer implements AutoCloseable {
  /** A frame read from the implementation under test. */
  public record Received(int opcode, boolean fin, int rsv, boolean masked, byte[] payload) {
    /** The close code, or 1005 (RFC 6455 §7.1.5: no status code) for an empty close body. */
    public int closeCode() {
      return payload.length >= 2 ? ((payload[0] & 0xff) << 8) | (payload[1] & 0xff) : 1005;
    }

    @Override
    public String toString() {
      String body = opcode == WireFrame.CLOSE ? "code " + closeCode() : payload.length + " bytes";
      return "frame(opcode " + opcode + ", " + body + (masked ? ", masked" : "") + ")";
    }
  }

  private final Socket socket;
  private final OutputStream out;
  private final DataInputStream in;
  private final boolean masks;

  /**
   * @param masks whether this peer masks what it writes (it plays a client)
   */
  public WirePeer(Socket socket, DataInputStream in, boolean masks) throws IOException {
    this.socket = socket;
    this.out = socket.getOutputStream();
    this.in = in;
    this.masks = masks;
    socket.setSoTimeout(5_000);
  }

  /**
   * Writes each frame, {@code chunk} bytes per write and flush (0: a whole frame per write). Stops
   * quietly when the other side has closed meanwhile (it may end the connection at a frame's
   * header, before the payload is all written): what it answered is still there to be read.
   */
  public void write(List<WireFrame> frames, int chunk) throws IOException {
    try {
      writeAll(frames, chunk);
    } catch (SocketException e) {
      // broken pipe or reset: the reads that follow tell what the peer did
    }
  }

  private void writeAll(List<WireFrame> frames, int chunk) throws IOException {
    for (WireFrame frame : frames) {
      byte[] bytes = frame.encode(masks);
      if (chunk <= 0) {
        out.write(bytes);
        out.flush();
        continue;
      }
      for (int i = 0; i < bytes.length; i += chunk) {
        out.write(bytes, i, Math.min(chunk, bytes.length - i));
        out.flush();
      }
    }
  }

  public void write(WireFrame frame) throws IOException {
    write(List.of(frame), 0);
  }

  /** The next frame; throws {@link EOFException} at end of stream, or on a 5 s timeout. */
  public Received read() throws IOException {
    WsFrames.Decoded f = WsFrames.read(in, 16 * 1024 * 1024);
    return new Received(f.opcode(), f.fin(), f.rsv(), f.masked(), f.payload());
  }

  /**
   * Reads to the end of the stream and returns the frames that came before it (a peer that closed
   * properly sends none after its close frame). Fails if the stream stays open for 5 s.
   */
  public List<Received> framesUntilEndOfStream() throws IOException {
    List<Received> frames = new ArrayList<>();
    try {
      while (true) {
        frames.add(read());
      }
    } catch (EOFException e) {
      return frames;
    } catch (SocketTimeoutException e) {
      throw new AssertionError(
          "the connection stayed open 5 s after the close frame; frames: " + frames);
    } catch (IOException e) {
      return frames; // reset: the peer closed without reading what we sent after its close
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }

  /** Reads an HTTP head up to the blank line (or end of stream). */
  public static String readHead(DataInputStream in) throws IOException {
    return WsHandshake.readHead(in);
  }
}
