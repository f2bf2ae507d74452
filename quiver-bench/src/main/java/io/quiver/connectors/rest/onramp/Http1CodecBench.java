package io.quiver.connectors.rest.onramp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import io.quiver.connectors.net.HeaderRecord;
import io.quiver.value.Value;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The rest onramp's HTTP/1.1 work per request without sockets (issue 14): a load tool's GET is
 * parsed, its header record ({@code $request.headers}) built, and a proxied response (an upstream's
 * headers, {@code size} bytes of body) written. {@code codec=netty}: Netty's {@link
 * HttpServerCodec} with the request objects and a {@link FullHttpResponse}, as the onramp did
 * before; {@code codec=own}: {@link Http1Decoder}, {@link Http1Head} and {@link Http1Writer}. Both
 * through an {@link EmbeddedChannel}. One operation = one request and its response. In this package
 * to reach the onramp's package-private classes.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xmx1g"})
public class Http1CodecBench {
  @Param({"own", "netty"})
  public String codec;

  @Param({"64", "16384"})
  public int size;

  private static final byte[] REQUEST =
      ("GET /small HTTP/1.1\r\nHost: 127.0.0.1:18152\r\nUser-Agent: h2load nghttp2/1.52.0\r\n"
              + "Accept: */*\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII);

  private static final String[][] UPSTREAM_HEADERS = {
    {"server", "nginx/1.22.1"},
    {"date", "Mon, 07 Dec 2026 10:00:00 GMT"},
    {"content-type", "application/octet-stream"},
    {"last-modified", "Mon, 07 Dec 2026 09:00:00 GMT"},
    {"etag", "\"6753f0a0-40\""},
    {"accept-ranges", "bytes"}
  };

  private EmbeddedChannel channel;
  private byte[] body;
  private Object request;
  private Value record;

  @Setup
  public void setup() {
    body = new byte[size];
    if (codec.equals("own")) {
      ConnectionClock clock = new ConnectionClock(0, 0);
      Http1Decoder decoder = new Http1Decoder(1 << 20, 8192, 8192, clock);
      decoder.requests(new Taker());
      clock.listener(new Quiet());
      channel = new EmbeddedChannel(clock, decoder);
    } else {
      channel =
          new EmbeddedChannel(
              new HttpServerCodec(),
              new ChannelInboundHandlerAdapter() {
                @Override
                public void channelRead(ChannelHandlerContext ctx, Object msg) {
                  if (msg instanceof HttpRequest r) {
                    request = r;
                    record = HeaderRecord.of(r.headers());
                  }
                  if (msg instanceof HttpContent && !(msg instanceof LastHttpContent)) {
                    throw new IllegalStateException("a GET has no body");
                  }
                  ReferenceCountUtil.release(msg);
                }
              });
    }
  }

  @Benchmark
  public int request() {
    channel.writeInbound(Unpooled.wrappedBuffer(REQUEST));
    ByteBuf out;
    if (codec.equals("own")) {
      Answer a = new Answer(200, body, UPSTREAM_HEADERS.length);
      for (String[] h : UPSTREAM_HEADERS) {
        a.header(h[0], h[1]);
      }
      out = Http1Writer.write(channel.alloc(), a, false, Http1Writer.Connection.DEFAULT);
    } else {
      FullHttpResponse r =
          new DefaultFullHttpResponse(
              HttpVersion.HTTP_1_1, HttpResponseStatus.OK, Unpooled.wrappedBuffer(body));
      for (String[] h : UPSTREAM_HEADERS) {
        r.headers().add(h[0], h[1]);
      }
      r.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
      channel.writeOutbound(r);
      out = Unpooled.EMPTY_BUFFER;
      int n = 0;
      for (Object o = channel.readOutbound(); o != null; o = channel.readOutbound()) {
        n += ((ByteBuf) o).readableBytes();
        ReferenceCountUtil.release(o);
      }
      return n + (request == null ? 0 : 1) + (record == null ? 0 : 1);
    }
    int n = out.readableBytes();
    out.release();
    return n + (request == null ? 0 : 1) + (record == null ? 0 : 1);
  }

  private final class Taker implements RequestReader.Requests {
    @Override
    public void request(RequestHead head, byte[] b) {
      request = head;
      record = head.headerRecord();
    }

    @Override
    public void refuse(Answer response) {
      throw new IllegalStateException("refused: " + response.status());
    }

    @Override
    public boolean closing() {
      return false;
    }

    @Override
    public boolean quiet() {
      return true;
    }
  }

  private static final class Quiet implements ConnectionClock.Listener {
    @Override
    public void headerTimeout() {}

    @Override
    public boolean quiet() {
      return true;
    }
  }
}
