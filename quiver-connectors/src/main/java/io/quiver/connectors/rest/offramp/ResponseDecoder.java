package io.quiver.connectors.rest.offramp;

import io.netty.buffer.ByteBuf;
import io.quiver.connectors.rest.http1.ChunkedBody;
import io.quiver.connectors.rest.http1.Http1Exception;
import java.util.Arrays;

/**
 * Reads one upstream response at a time from a connection's bytes (RFC 9112 6.3): finds its head
 * within the limits (status line over {@value #MAX_STATUS_LINE} bytes, header lines over {@value
 * #MAX_HEADERS} bytes), parses it ({@link ResponseHeadParser}), skips interim (1xx) responses, and
 * reads the body straight into the response's array: none for a HEAD request, a 1xx, 204 or 304
 * status or a CONNECT request's 2xx; else {@code Content-Length} bytes, chunks ({@link
 * ChunkedBody}), or everything until the connection closes ({@link #closed}). A body over {@code
 * max_response_size} is refused before it is read (as soon as its length is known). Failures are
 * {@link BadResponse}s whose message is the request's error text. Not thread-safe: one per
 * connection.
 */
final class ResponseDecoder {
  static final int MAX_STATUS_LINE = 4096;
  static final int MAX_HEADERS = 8192;
  private static final byte[] NO_BODY = new byte[0];
  private static final byte[] HTTP = {'H', 'T', 'T', 'P', '/'};

  /** Why a response cannot be taken; the message is the request's error text. */
  static final class BadResponse extends Exception {
    private static final long serialVersionUID = 1L;

    BadResponse(String message) {
      super(message, null, false, false);
    }
  }

  private enum State {
    HEAD,
    LENGTH,
    CHUNKED,
    UNTIL_CLOSE
  }

  private final int maxResponseSize;
  private final ResponseHeadParser parser;
  private State state = State.HEAD;
  private boolean headRequest;
  private boolean connectRequest;

  // the head being scanned: offsets from the buffer's reader index
  private int scanned;
  private int lineStart;
  private int headerBytes;
  private boolean sawStatusLine;

  // the response whose body is being read
  private ResponseHead head;
  private byte[] body;
  private int filled;
  private ChunkedBody chunks;

  ResponseDecoder(int maxResponseSize) {
    this(maxResponseSize, new ResponseRecords());
  }

  /** A decoder whose header records come from {@code records} (shared by a loop's connections). */
  ResponseDecoder(int maxResponseSize, ResponseRecords records) {
    this.maxResponseSize = maxResponseSize;
    this.parser = new ResponseHeadParser(records);
  }

  /** The next response answers a request with {@code method} (upper case). */
  void expect(String method) {
    headRequest = method.equals("HEAD");
    connectRequest = method.equals("CONNECT");
  }

  /**
   * Reads what {@code in} has of the response; returns it once whole (what follows it is left in
   * {@code in}), else null when more bytes are needed.
   */
  UpstreamResponse read(ByteBuf in) throws BadResponse {
    try {
      while (in.isReadable()) {
        State before = state;
        int unread = in.readableBytes();
        UpstreamResponse done =
            switch (state) {
              case HEAD -> head(in);
              case LENGTH -> length(in);
              case CHUNKED -> chunked(in);
              case UNTIL_CLOSE -> untilClose(in);
            };
        if (done != null) {
          return done;
        }
        if (state == before && in.readableBytes() == unread) {
          return null; // no progress: more bytes are needed
        }
      }
      return null;
    } catch (Http1Exception e) {
      throw refusal(e);
    }
  }

  /**
   * The connection closed: the response whose body ends with it, or null when none is (then the
   * request fails).
   */
  UpstreamResponse closed() {
    if (state != State.UNTIL_CLOSE) {
      return null;
    }
    return finish(filled == body.length ? body : Arrays.copyOf(body, filled), true);
  }

  // ---- the head ----

  private UpstreamResponse head(ByteBuf in) throws Http1Exception, BadResponse {
    int r = in.readerIndex();
    int w = in.writerIndex();
    if (!sawStatusLine && scanned == 0) {
      while (r < w && (in.getByte(r) == '\r' || in.getByte(r) == '\n')) {
        r++; // empty lines before a status line are ignored
      }
      in.readerIndex(r);
      if (r == w) {
        return null;
      }
    }
    if (!sawStatusLine) {
      for (int k = scanned; k < HTTP.length && r + k < w; k++) {
        if (in.getByte(r + k) != HTTP[k]) {
          throw Http1Exception.malformed("invalid status line"); // no need to wait for the rest
        }
      }
    }
    while (true) {
      int lf = in.indexOf(r + scanned, w, (byte) '\n');
      if (lf < 0) {
        scanned = w - r;
        int partial = scanned - lineStart;
        if (!sawStatusLine
            ? partial > MAX_STATUS_LINE + 1
            : headerBytes + partial > MAX_HEADERS + 1) {
          throw headTooLarge();
        }
        return null;
      }
      int length = lf - r - lineStart;
      if (length > 0 && in.getByte(lf - 1) == '\r') {
        length--;
      }
      scanned = lf + 1 - r;
      lineStart = scanned;
      if (!sawStatusLine) {
        if (length > MAX_STATUS_LINE) {
          throw headTooLarge();
        }
        sawStatusLine = true;
      } else if (length == 0) {
        byte[] bytes = new byte[scanned];
        in.getBytes(r, bytes);
        in.readerIndex(r + scanned);
        scanned = 0;
        lineStart = 0;
        headerBytes = 0;
        sawStatusLine = false;
        return start(parser.parse(bytes, bytes.length));
      } else {
        headerBytes += length;
        if (headerBytes > MAX_HEADERS) {
          throw headTooLarge();
        }
      }
    }
  }

  /** A whole head: an interim one is skipped, else its body starts (or there is none). */
  private UpstreamResponse start(ResponseHead h) throws BadResponse {
    if (h.interim()) {
      return null;
    }
    head = h;
    filled = 0;
    int status = h.status();
    if (headRequest
        || status < 200
        || status == 204
        || status == 304
        || (connectRequest && status < 300)) {
      return finish(NO_BODY, status == 101 || (connectRequest && status < 300));
    }
    if (h.chunked()) {
      chunks = new ChunkedBody(maxResponseSize, MAX_HEADERS);
      state = State.CHUNKED;
      return null;
    }
    if (h.contentLength() > maxResponseSize) {
      throw bodyTooLarge();
    }
    if (h.contentLength() == 0) {
      return finish(NO_BODY, false);
    }
    if (h.contentLength() > 0) {
      body = new byte[(int) h.contentLength()];
      state = State.LENGTH;
      return null;
    }
    body = new byte[256];
    state = State.UNTIL_CLOSE;
    return null;
  }

  // ---- bodies ----

  private UpstreamResponse length(ByteBuf in) {
    int n = Math.min(in.readableBytes(), body.length - filled);
    in.readBytes(body, filled, n);
    filled += n;
    return filled == body.length ? finish(body, false) : null;
  }

  private UpstreamResponse chunked(ByteBuf in) throws Http1Exception {
    byte[] whole = chunks.read(in);
    if (whole == null) {
      return null;
    }
    chunks = null;
    return finish(whole, false);
  }

  private UpstreamResponse untilClose(ByteBuf in) throws BadResponse {
    int n = in.readableBytes();
    if ((long) filled + n > maxResponseSize) {
      throw bodyTooLarge();
    }
    if (body.length - filled < n) {
      body =
          Arrays.copyOf(body, (int) Math.min(maxResponseSize, Math.max(filled + n, filled * 2L)));
    }
    in.readBytes(body, filled, n);
    filled += n;
    return null;
  }

  // ---- ends ----

  private UpstreamResponse finish(byte[] b, boolean close) {
    ResponseHead h = head;
    head = null;
    body = null;
    state = State.HEAD;
    return new UpstreamResponse(
        h.status(), h.headers(), b, !(close || h.close() || h.otherCoding()));
  }

  private BadResponse refusal(Http1Exception e) {
    return switch (e.status()) {
      case 413 -> bodyTooLarge();
      case 431 ->
          new BadResponse("response headers too large: trailers over " + MAX_HEADERS + " bytes");
      default -> new BadResponse("invalid HTTP response: " + e.getMessage());
    };
  }

  private BadResponse headTooLarge() {
    return new BadResponse(
        sawStatusLine
            ? "response headers too large: over " + MAX_HEADERS + " bytes"
            : "response headers too large: status line over " + MAX_STATUS_LINE + " bytes");
  }

  private BadResponse bodyTooLarge() {
    return new BadResponse(
        "response body larger than max_response_size (" + maxResponseSize + " bytes)");
  }
}
