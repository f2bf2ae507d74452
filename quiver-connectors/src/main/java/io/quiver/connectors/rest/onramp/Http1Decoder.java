package io.quiver.connectors.rest.onramp;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.quiver.connectors.rest.http1.ChunkedBody;
import io.quiver.connectors.rest.http1.HeaderLines;
import io.quiver.connectors.rest.http1.Http1Exception;

/**
 * The onramp's HTTP/1.1 request reader on the connection's bytes (in place of Netty's HTTP codec
 * and {@link RequestReader}): finds a request's head within the limits (request line longer than
 * {@code max_request_line_length} or header lines over {@code max_header_size}: 431), parses it
 * ({@link Http1HeadParser}), answers {@code 100 Continue}, reads the body straight into the
 * request's byte array ({@code Content-Length}, or chunked and joined by {@link ChunkedBody}; over
 * {@code max_body_size}: 413) and hands the whole request on. Bytes that do not make a whole head
 * are kept until more arrive; a body is never gathered in a buffer. After a refusal nothing more is
 * read.
 */
final class Http1Decoder extends ChannelInboundHandlerAdapter {
  private static final byte[] NO_BODY = new byte[0];

  private enum State {
    HEAD,
    BODY,
    CHUNKED,
    REFUSED
  }

  private final int maxBodySize;
  private final int maxLine;
  private final int maxHeaders;
  private final ConnectionClock clock;
  private final HeaderLines lines = new HeaderLines();
  private final RequestRecords records = new RequestRecords();
  private RequestReader.Requests requests;
  private ChannelHandlerContext ctx;

  private State state = State.HEAD;
  private ByteBuf pending; // bytes not consumed yet
  private boolean ownPending; // pending is a buffer of ours with room to append

  // the head being scanned: offsets from pending's reader index
  private int scanned;
  private int lineStart;
  private int headerBytes;
  private boolean sawRequestLine;

  // the request whose body is being read
  private Http1Head head;
  private byte[] body;
  private int filled;
  private ChunkedBody chunks;

  Http1Decoder(int maxBodySize, int maxLine, int maxHeaders, ConnectionClock clock) {
    this.maxBodySize = maxBodySize;
    this.maxLine = maxLine;
    this.maxHeaders = maxHeaders;
    this.clock = clock;
  }

  void requests(RequestReader.Requests r) {
    this.requests = r;
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof ByteBuf in)) {
      ctx.fireChannelRead(msg);
      return;
    }
    if (state == State.REFUSED || requests.closing()) {
      in.release();
      return;
    }
    append(in);
    try {
      decode();
    } catch (BadHead e) {
      refuse(answerFor(e));
    } finally {
      if (pending != null && (!pending.isReadable() || state == State.REFUSED)) {
        pending.release();
        pending = null;
      }
    }
  }

  private void append(ByteBuf in) {
    if (pending == null) {
      pending = in;
      ownPending = false;
      return;
    }
    int more = in.readableBytes();
    if (!ownPending || pending.writableBytes() < more) {
      int need = pending.readableBytes() + more;
      ByteBuf merged = ctx.alloc().heapBuffer(Math.max(256, need * 2));
      merged.writeBytes(pending);
      pending.release();
      pending = merged;
      ownPending = true;
    }
    pending.writeBytes(in);
    in.release();
  }

  private void decode() throws BadHead {
    while (pending.isReadable() && state != State.REFUSED) {
      boolean progressed =
          switch (state) {
            case HEAD -> head();
            case BODY -> body();
            case CHUNKED -> chunked();
            case REFUSED -> false;
          };
      if (!progressed) {
        return;
      }
      if (state == State.HEAD && requests.closing()) {
        pending.skipBytes(pending.readableBytes()); // nothing after the last request is taken
        return;
      }
    }
  }

  // ---- the head ----

  /** Scans for the end of the head; false when more bytes are needed. */
  private boolean head() throws BadHead {
    int r = pending.readerIndex();
    int w = pending.writerIndex();
    if (!sawRequestLine && scanned == 0) {
      while (r < w && (pending.getByte(r) == '\r' || pending.getByte(r) == '\n')) {
        r++; // empty lines before a request line are ignored
      }
      pending.readerIndex(r);
      if (r == w) {
        return false;
      }
    }
    while (true) {
      int lf = pending.indexOf(r + scanned, w, (byte) '\n');
      if (lf < 0) {
        scanned = w - r;
        int partial = scanned - lineStart;
        if (!sawRequestLine ? partial > maxLine + 1 : headerBytes + partial > maxHeaders + 1) {
          throw tooLarge();
        }
        return false;
      }
      int length = lf - r - lineStart;
      if (length > 0 && pending.getByte(lf - 1) == '\r') {
        length--;
      }
      scanned = lf + 1 - r;
      lineStart = scanned;
      if (!sawRequestLine) {
        if (length > maxLine) {
          throw tooLarge();
        }
        sawRequestLine = true;
      } else if (length == 0) {
        byte[] bytes = new byte[scanned];
        pending.getBytes(r, bytes);
        pending.readerIndex(r + scanned);
        scanned = 0;
        lineStart = 0;
        headerBytes = 0;
        sawRequestLine = false;
        start(Http1HeadParser.parse(bytes, bytes.length, lines).keptBy(records));
        return true;
      } else {
        headerBytes += length;
        if (headerBytes > maxHeaders) {
          throw tooLarge();
        }
      }
    }
  }

  private BadHead tooLarge() {
    return new BadHead(
        431, sawRequestLine ? "Request header fields too large" : "Request line too long");
  }

  /** A whole head: checks it against the limits and starts its body. */
  private void start(Http1Head h) {
    clock.headersDone();
    if (h.expect != null && !h.http10() && !h.expect.equalsIgnoreCase("100-continue")) {
      refuse(ErrorResponses.expectationFailed(h.expect));
      return;
    }
    if (h.contentLength > maxBodySize) {
      refuse(ErrorResponses.bodyTooLarge(maxBodySize));
      return;
    }
    if (h.expect != null && !h.http10() && requests.quiet()) {
      ctx.writeAndFlush(Http1Writer.continue100(ctx.alloc()));
    }
    head = h;
    filled = 0;
    if (h.chunked) {
      chunks = new ChunkedBody(maxBodySize, maxHeaders);
      state = State.CHUNKED;
    } else if (h.contentLength > 0) {
      body = new byte[(int) h.contentLength];
      state = State.BODY;
    } else {
      body = NO_BODY;
      done();
    }
  }

  // ---- bodies ----

  private boolean body() {
    int n = Math.min(pending.readableBytes(), body.length - filled);
    pending.readBytes(body, filled, n);
    filled += n;
    if (filled == body.length) {
      done();
    }
    return true;
  }

  private boolean chunked() throws BadHead {
    byte[] whole;
    try {
      whole = chunks.read(pending);
    } catch (Http1Exception e) {
      throw new BadHead(e.status(), e.getMessage());
    }
    if (whole == null) {
      return false;
    }
    chunks = null;
    body = whole;
    done();
    return true;
  }

  // ---- ends ----

  private void done() {
    Http1Head h = head;
    byte[] b = body;
    head = null;
    body = null;
    state = State.HEAD;
    clock.requestDone();
    requests.request(h, b);
  }

  private Answer answerFor(BadHead e) {
    return switch (e.status()) {
      case 400 -> ErrorResponses.badRequest(e.getMessage());
      case 431 -> ErrorResponses.headersTooLarge(e.getMessage());
      case 413 -> ErrorResponses.bodyTooLarge(maxBodySize);
      default -> ErrorResponses.error(HttpResponseStatus.valueOf(e.status()), e.getMessage());
    };
  }

  private void refuse(Answer answer) {
    state = State.REFUSED;
    head = null;
    body = null;
    chunks = null;
    clock.stop();
    requests.refuse(answer);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    release();
    super.channelInactive(ctx);
  }

  @Override
  public void handlerRemoved(ChannelHandlerContext ctx) {
    release();
  }

  private void release() {
    if (pending != null) {
      pending.release();
      pending = null;
    }
  }
}
