package io.quiver.codec.framing;

import io.quiver.codec.NamedPreprocessorProvider;
import io.quiver.spi.Preprocessor;
import io.quiver.spi.ProcessorException;
import java.io.ByteArrayOutputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tremor's {@code gelf-chunking} preprocessor: reassembles chunked GELF messages (one UDP datagram
 * per chunk: magic {@code 0x1e 0x0f}, 8-byte message id, sequence number, sequence count, data).
 * Unchunked messages ({@code {...}} JSON, or the {@code 0x1f 0x3c} prefix Tremor accepts) pass as
 * they are.
 *
 * <p>As in Tremor, incomplete messages are kept in two generations swapped every 5 seconds of
 * ingest time, so a message whose chunks arrive within 5 to 10 seconds is reassembled and older
 * fragments are dropped; a duplicate chunk drops its message; an out-of-range sequence number drops
 * the chunk (both logged). {@code gelf-chunking-tcp} also removes the last byte of every message
 * (the NUL terminator of GELF over TCP).
 */
public final class GelfChunkingPreprocessor implements Preprocessor {
  public static final String NAME = "gelf-chunking";
  public static final String TCP_NAME = "gelf-chunking-tcp";

  private static final Logger LOG = LoggerFactory.getLogger(GelfChunkingPreprocessor.class);
  private static final long FIVE_SECONDS_NS = 5_000_000_000L;

  private final boolean tcp;
  private Map<Long, Partial> current = new HashMap<>();
  private Map<Long, Partial> previous = new HashMap<>();
  private long lastSwapNs;

  public GelfChunkingPreprocessor(boolean tcp) {
    this.tcp = tcp;
  }

  @Override
  public String name() {
    return tcp ? TCP_NAME : NAME;
  }

  /** Messages waiting for more chunks. */
  public int pendingMessages() {
    return current.size() + previous.size();
  }

  private static final class Partial {
    final byte[][] segments;
    int stored;

    Partial(int count) {
      segments = new byte[count][];
    }
  }

  @Override
  public void process(byte[] data, long ingestNs, List<byte[]> out) throws ProcessorException {
    byte[] message = enqueue(data, ingestNs);
    if (message == null) {
      return;
    }
    if (tcp) {
      if (message.length == 0) {
        return;
      }
      message = java.util.Arrays.copyOf(message, message.length - 1);
    }
    out.add(message);
  }

  private byte[] enqueue(byte[] d, long ingestNs) throws ProcessorException {
    if (d.length >= 2 && d[0] == 0x1f && d[1] == 0x3c) {
      swapIfDue(ingestNs);
      return java.util.Arrays.copyOfRange(d, 2, d.length);
    }
    if (d.length >= 12 && d[0] == 0x1e && d[1] == 0x0f) {
      swapIfDue(ingestNs);
      long id = LengthPrefixedPostprocessor.readLong(d, 2);
      int seq = d[10] & 0xFF;
      int count = d[11] & 0xFF;
      byte[] payload = java.util.Arrays.copyOfRange(d, 12, d.length);
      return count == 1 ? payload : store(id, seq, count, payload);
    }
    if (d.length >= 2 && d[0] == '{') {
      swapIfDue(ingestNs);
      return d;
    }
    String prefix =
        switch (d.length) {
          case 0 -> "None";
          case 1 -> "Some([" + (d[0] & 0xFF) + ", 0])";
          default -> "Some([" + (d[0] & 0xFF) + ", " + (d[1] & 0xFF) + "])";
        };
    throw new ProcessorException("Invalid GELF header len: " + d.length + ", prefix: " + prefix);
  }

  private void swapIfDue(long ingestNs) {
    if (ingestNs - lastSwapNs > FIVE_SECONDS_NS) {
      lastSwapNs = ingestNs;
      previous = current;
      current = new HashMap<>();
    }
  }

  private byte[] store(long id, int seq, int count, byte[] payload) {
    Map<Long, Partial> home = current;
    Partial p = current.get(id);
    if (p == null) {
      p = previous.get(id);
      home = previous;
    }
    if (p == null) {
      p = new Partial(count);
      home = current;
      if (seq >= count) {
        LOG.warn(
            "Discarding out of range chunk {}/{} for {} ({} bytes)",
            seq,
            count,
            id,
            payload.length);
        return null;
      }
      current.put(id, p);
    } else if (seq >= p.segments.length) {
      LOG.warn(
          "Discarding out of range chunk {}/{} for {} ({} bytes)",
          seq,
          p.segments.length,
          id,
          payload.length);
      return null;
    } else if (p.segments[seq] != null) {
      LOG.warn("Duplicate index {} for gelf message id {}", seq, id);
      home.remove(id);
      return null;
    }
    p.segments[seq] = payload;
    p.stored++;
    if (p.stored < p.segments.length) {
      return null;
    }
    home.remove(id);
    ByteArrayOutputStream whole = new ByteArrayOutputStream();
    for (byte[] s : p.segments) {
      whole.writeBytes(s);
    }
    return whole.toByteArray();
  }

  /** Registers the preprocessor as {@value #NAME}. */
  public static final class Provider extends NamedPreprocessorProvider {
    public Provider() {
      super(NAME, () -> new GelfChunkingPreprocessor(false));
    }
  }

  /** Registers the TCP variant as {@value #TCP_NAME}. */
  public static final class TcpProvider extends NamedPreprocessorProvider {
    public TcpProvider() {
      super(TCP_NAME, () -> new GelfChunkingPreprocessor(true));
    }
  }
}
