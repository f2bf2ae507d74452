package io.quiver.spi;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Preprocessor chain plus codec for one connection: bytes in, decoded values (or errors) out.
 * Stateful through its preprocessors, so one instance per connection, one thread at a time.
 *
 * <p>Like Tremor's source manager (src/source.rs, {@code handle_pp}): every preprocessor is applied
 * to each chunk the previous one produced; a preprocessor failure yields a single error for the
 * whole input and no values; then every resulting chunk is decoded separately, and a decode failure
 * yields an error for that chunk only. Beyond Tremor, a preprocessor may refuse parts of its input
 * and keep the rest ({@link RejectedInputException}, e.g. a line over the {@code lines} limit):
 * each refused part yields an error, ahead of the values of the parts kept. A preprocessor may
 * change the input's ingest time ({@link Preprocessor#ingestNs}, Tremor's {@code &mut ingest_ns});
 * the later preprocessors, the codec and {@link Decoded.Ok#ingestNs} see the new time.
 */
public final class Deserializer {
  private final List<Preprocessor> preprocessors;
  private final Codec codec;

  /** The ingest time of the input being deserialized, as the preprocessors left it. */
  private long ingest;

  /** Whether a preprocessor changed {@link #ingest} for the input being deserialized. */
  private boolean ingestSet;

  public Deserializer(List<Preprocessor> preprocessors, Codec codec) {
    this.preprocessors = List.copyOf(preprocessors);
    this.codec = codec;
  }

  /**
   * Deserializes one input and appends the outcomes to {@code out}.
   *
   * @param flush also flush the preprocessors (end of a message or of the stream)
   */
  public void deserialize(byte[] data, long ingestNs, boolean flush, List<Decoded> out) {
    ingest = ingestNs;
    ingestSet = false;
    if (preprocessors.isEmpty()) {
      decodeInto(data, out);
      return;
    }
    preprocessAndDecode(data, flush, out);
  }

  /**
   * Deserializes one input and hands the outcomes to {@code sink} in the order {@link
   * #deserialize(byte[], long, boolean, List)} would list them. Without preprocessors this makes
   * nothing but what the codec makes (the per-message path of connectors); with preprocessors the
   * outcomes are collected first, as a preprocessor failure withdraws the errors already found.
   * What {@code sink} throws propagates.
   *
   * @param flush also flush the preprocessors (end of a message or of the stream)
   */
  public void deserialize(byte[] data, long ingestNs, boolean flush, DecodedSink sink) {
    deserialize(data, ingestNs, flush, false, sink);
  }

  /**
   * {@link #deserialize(byte[], long, boolean, DecodedSink)}; with {@code utf8} the caller checked
   * {@code data} to be strict UTF-8 (a websocket text message), so a codec fed the bytes unchanged
   * (no preprocessors) need not check them again ({@link Codec#decodeUtf8}).
   */
  public void deserialize(
      byte[] data, long ingestNs, boolean flush, boolean utf8, DecodedSink sink) {
    ingest = ingestNs;
    ingestSet = false;
    if (preprocessors.isEmpty()) {
      Optional<io.quiver.value.Value> value;
      try {
        value = utf8 ? codec.decodeUtf8(data, ingest) : codec.decode(data, ingest);
      } catch (CodecException e) {
        sink.failed(e.getMessage());
        return;
      }
      if (value.isPresent()) {
        sink.ok(value.get(), ingest);
      }
      return;
    }
    List<Decoded> out = new ArrayList<>(2);
    try {
      preprocessAndDecode(data, flush, out);
    } catch (RuntimeException | Error e) {
      replay(out, ingestNs, sink); // what was decoded before a codec broke still goes out
      throw e;
    }
    replay(out, ingestNs, sink);
  }

  private static void replay(List<Decoded> out, long ingestNs, DecodedSink sink) {
    for (Decoded d : out) {
      switch (d) {
        case Decoded.Ok ok -> sink.ok(ok.value(), ok.ingestNs().orElse(ingestNs));
        case Decoded.Failed failed -> sink.failed(failed.message());
      }
    }
  }

  private void preprocessAndDecode(byte[] data, boolean flush, List<Decoded> out) {
    List<byte[]> chunks;
    try {
      chunks = preprocess(data, flush, out);
    } catch (ProcessorException e) {
      out.add(new Decoded.Failed(e.getMessage()));
      return;
    }
    for (byte[] chunk : chunks) {
      decodeInto(chunk, out);
    }
  }

  /**
   * Flushes what the preprocessors still buffer (at the end of a stream). No input is fed: each
   * preprocessor only processes what the ones before it flushed, so stateless preprocessors and the
   * codec see nothing unless something was buffered (an empty chunk would be an error for gzip,
   * json, ... and an empty event for string or lines-no-buffer).
   */
  public void finish(long ingestNs, List<Decoded> out) {
    ingest = ingestNs;
    ingestSet = false;
    List<byte[]> chunks = new ArrayList<>(1);
    try {
      for (Preprocessor p : preprocessors) {
        List<byte[]> next = new ArrayList<>(chunks.size() + 1);
        for (byte[] chunk : chunks) {
          process(p, chunk, next, out);
        }
        p.finish(next);
        chunks = next;
      }
    } catch (ProcessorException e) {
      out.add(new Decoded.Failed(e.getMessage()));
      return;
    }
    for (byte[] chunk : chunks) {
      decodeInto(chunk, out);
    }
  }

  private List<byte[]> preprocess(byte[] data, boolean flush, List<Decoded> out)
      throws ProcessorException {
    List<byte[]> chunks = new ArrayList<>(1);
    chunks.add(data);
    int failedBefore = out.size();
    for (Preprocessor p : preprocessors) {
      List<byte[]> next = new ArrayList<>(chunks.size() + 1);
      try {
        for (byte[] chunk : chunks) {
          process(p, chunk, next, out);
        }
        if (flush) {
          p.finish(next);
        }
      } catch (ProcessorException e) {
        out.subList(failedBefore, out.size()).clear(); // the whole input fails: one error only
        throw e;
      }
      chunks = next;
    }
    return chunks;
  }

  /**
   * Runs one preprocessor on one chunk, then takes the ingest time it leaves; the parts it refused
   * but did not fail on become errors.
   */
  private void process(Preprocessor p, byte[] chunk, List<byte[]> next, List<Decoded> out)
      throws ProcessorException {
    try {
      p.process(chunk, ingest, next);
    } catch (RejectedInputException e) {
      for (String rejection : e.rejections()) {
        out.add(new Decoded.Failed(rejection));
      }
    }
    long after = p.ingestNs(ingest);
    if (after != ingest) {
      ingest = after;
      ingestSet = true;
    }
  }

  private void decodeInto(byte[] chunk, List<Decoded> out) {
    try {
      Optional<io.quiver.value.Value> value = codec.decode(chunk, ingest);
      if (value.isPresent()) {
        out.add(
            ingestSet
                ? new Decoded.Ok(value.get(), OptionalLong.of(ingest))
                : new Decoded.Ok(value.get()));
      }
    } catch (CodecException e) {
      out.add(new Decoded.Failed(e.getMessage()));
    }
  }

  public Codec codec() {
    return codec;
  }
}
