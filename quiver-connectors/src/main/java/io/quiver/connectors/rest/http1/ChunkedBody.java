package io.quiver.connectors.rest.http1;

import io.netty.buffer.ByteBuf;
import java.util.Arrays;

/**
 * Reads one chunked message body (RFC 9112 7.1) from the connection's bytes into one array: chunk
 * sizes in hex with their extensions ignored, each chunk's data and its line end, then the trailer
 * lines, which are read and dropped. Used for the rest onramp's requests and the rest offramp's
 * responses. A body over {@code maxBodySize} is refused (413) before its chunk is read, a malformed
 * chunk (400), trailers over {@code maxTrailers} bytes (431): the status says which.
 */
public final class ChunkedBody {
  private static final int MAX_CHUNK_LINE = 1024;
  private static final byte[] EMPTY = new byte[0];

  private enum State {
    SIZE,
    DATA,
    DATA_END,
    TRAILERS
  }

  private final int maxBodySize;
  private final int maxTrailers;
  private State state = State.SIZE;
  private byte[] body = EMPTY;
  private int filled;
  private long chunkLeft;
  private int trailerBytes;
  private byte[] done;

  public ChunkedBody(int maxBodySize, int maxTrailers) {
    this.maxBodySize = maxBodySize;
    this.maxTrailers = maxTrailers;
  }

  /**
   * Reads what {@code in} has of the body; returns the whole body once its last line is read (what
   * follows is left in {@code in}), else null when more bytes are needed.
   */
  public byte[] read(ByteBuf in) throws Http1Exception {
    while (in.isReadable()) {
      boolean progressed =
          switch (state) {
            case SIZE -> size(in);
            case DATA -> data(in);
            case DATA_END -> dataEnd(in);
            case TRAILERS -> trailer(in);
          };
      if (done != null) {
        return done;
      }
      if (!progressed) {
        return null;
      }
    }
    return null;
  }

  private boolean size(ByteBuf in) throws Http1Exception {
    int r = in.readerIndex();
    int w = in.writerIndex();
    int lf = in.indexOf(r, Math.min(w, r + MAX_CHUNK_LINE), (byte) '\n');
    if (lf < 0) {
      if (w - r >= MAX_CHUNK_LINE) {
        throw Http1Exception.malformed("chunk size line too long");
      }
      return false;
    }
    long size = 0;
    int i = r;
    for (; i < lf; i++) {
      int d = Character.digit(in.getByte(i), 16);
      if (d < 0) {
        break;
      }
      size = size * 16 + d;
      if (size > Integer.MAX_VALUE) {
        throw Http1Exception.malformed("chunk size too large");
      }
    }
    byte after = i < lf ? in.getByte(i) : (byte) '\n';
    if (i == r || (after != ';' && after != '\r' && after != '\n' && after != ' ')) {
      throw Http1Exception.malformed("invalid chunk size");
    }
    in.readerIndex(lf + 1);
    if (size == 0) {
      state = State.TRAILERS;
      return true;
    }
    if (filled + size > maxBodySize) {
      throw new Http1Exception(413, "chunked body over max_body_size");
    }
    if (body.length < filled + size) {
      body = Arrays.copyOf(body, (int) Math.min(maxBodySize, Math.max(filled + size, filled * 2L)));
    }
    chunkLeft = size;
    state = State.DATA;
    return true;
  }

  private boolean data(ByteBuf in) {
    int n = (int) Math.min(in.readableBytes(), chunkLeft);
    in.readBytes(body, filled, n);
    filled += n;
    chunkLeft -= n;
    if (chunkLeft == 0) {
      state = State.DATA_END;
    }
    return true;
  }

  private boolean dataEnd(ByteBuf in) throws Http1Exception {
    int r = in.readerIndex();
    byte c = in.getByte(r);
    if (c == '\n') {
      in.skipBytes(1);
    } else if (c == '\r') {
      if (in.readableBytes() < 2) {
        return false;
      }
      if (in.getByte(r + 1) != '\n') {
        throw Http1Exception.malformed("chunk data not followed by CRLF");
      }
      in.skipBytes(2);
    } else {
      throw Http1Exception.malformed("chunk data not followed by CRLF");
    }
    state = State.SIZE;
    return true;
  }

  /** A trailer line, dropped; the empty line ends the body. */
  private boolean trailer(ByteBuf in) throws Http1Exception {
    int r = in.readerIndex();
    int w = in.writerIndex();
    int lf = in.indexOf(r, w, (byte) '\n');
    if (lf < 0) {
      if (trailerBytes + (w - r) > maxTrailers + 1) {
        throw new Http1Exception(431, "Request header fields too large");
      }
      return false;
    }
    int length = lf - r;
    if (length > 0 && in.getByte(lf - 1) == '\r') {
      length--;
    }
    in.readerIndex(lf + 1);
    if (length == 0) {
      done = filled < body.length ? Arrays.copyOf(body, filled) : body;
      return true;
    }
    trailerBytes += length;
    if (trailerBytes > maxTrailers) {
      throw new Http1Exception(431, "Request header fields too large");
    }
    return true;
  }
}
