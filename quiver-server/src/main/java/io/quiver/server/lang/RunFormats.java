package io.quiver.server.lang;

import io.quiver.runtime.Registry;
import io.quiver.spi.Codec;
import io.quiver.spi.CodecException;
import io.quiver.spi.Deserializer;
import io.quiver.spi.Postprocessor;
import io.quiver.spi.Preprocessor;
import io.quiver.spi.Serializer;
import io.quiver.value.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The input and output formats of {@code quiver run}: decoder and preprocessors for the input,
 * encoder and postprocessors for the output, looked up by name in the plugin registry, as {@code
 * tremor run}'s {@code -d}, {@code -e}, {@code --pre-processor}, {@code --post-processor}
 * (tremor-cli/src/run.rs {@code Ingress::from_args}, {@code Egress::from_args}).
 */
record RunFormats(Deserializer input, Serializer output, LineCountingCodec decoder) {

  /** Every unknown name at once, in Tremor's wording plus the known names. */
  static final class UnknownFormatException extends Exception {
    private static final long serialVersionUID = 1L;

    final transient List<String> problems;

    UnknownFormatException(List<String> problems) {
      super(String.join("\n", problems));
      this.problems = List.copyOf(problems);
    }
  }

  static RunFormats of(
      Registry registry,
      String decoder,
      List<String> preprocessors,
      String encoder,
      List<String> postprocessors)
      throws UnknownFormatException {
    List<String> problems = new ArrayList<>();
    if (!registry.hasCodec(decoder)) {
      problems.add(unknown("Codec", decoder, registry.codecNames()));
    }
    for (String p : preprocessors) {
      if (!registry.hasPreprocessor(p)) {
        problems.add(unknown("Preprocessor", p, registry.preprocessorNames()));
      }
    }
    if (!registry.hasCodec(encoder) && !encoder.equals(decoder)) {
      problems.add(unknown("Codec", encoder, registry.codecNames()));
    }
    for (String p : postprocessors) {
      if (!registry.hasPostprocessor(p)) {
        problems.add(unknown("Postprocessor", p, registry.postprocessorNames()));
      }
    }
    if (!problems.isEmpty()) {
      throw new UnknownFormatException(problems);
    }
    List<Preprocessor> pre = preprocessors.stream().map(registry::preprocessor).toList();
    List<Postprocessor> post = postprocessors.stream().map(registry::postprocessor).toList();
    LineCountingCodec counting = new LineCountingCodec(registry.codec(decoder));
    return new RunFormats(
        new Deserializer(pre, counting), new Serializer(registry.codec(encoder), post), counting);
  }

  /** Tremor's first line ({@code Error Codec x not found error.}), then what exists. */
  private static String unknown(String kind, String name, List<String> known) {
    return "Error " + kind + " " + name + " not found error. Known: " + String.join(", ", known);
  }

  /**
   * The decoder, counting the records it is given (so an error can say which record) and skipping
   * records that are only whitespace for text codecs (a blank line is not an event).
   */
  static final class LineCountingCodec implements Codec {
    private final Codec codec;
    private final java.util.ArrayDeque<Long> failedRecords = new java.util.ArrayDeque<>();
    private long records;

    LineCountingCodec(Codec codec) {
      this.codec = codec;
    }

    /** The number (from 1) of the oldest record that failed to decode and was not yet asked for. */
    Optional<Long> nextFailedRecord() {
      return Optional.ofNullable(failedRecords.poll());
    }

    @Override
    public String name() {
      return codec.name();
    }

    @Override
    public Optional<Value> decode(byte[] data, long ingestNs) throws CodecException {
      records++;
      if (isText() && isBlank(data)) {
        return Optional.empty();
      }
      try {
        return codec.decode(data, ingestNs);
      } catch (CodecException e) {
        failedRecords.add(records);
        throw e;
      }
    }

    private boolean isText() {
      return switch (codec.name()) {
        case "json", "yaml", "influx", "statsd", "syslog" -> true;
        default -> false;
      };
    }

    private static boolean isBlank(byte[] data) {
      for (byte b : data) {
        if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
          return false;
        }
      }
      return true;
    }

    @Override
    public byte[] encode(Value value) throws CodecException {
      return codec.encode(value);
    }
  }
}
