package io.quiver.connectors.ws;

import io.quiver.spi.Codec;
import io.quiver.spi.CodecException;
import io.quiver.spi.Deserializer;
import io.quiver.spi.Postprocessor;
import io.quiver.spi.Preprocessor;
import io.quiver.spi.ProcessorException;
import io.quiver.spi.Serializer;
import io.quiver.value.Json;
import io.quiver.value.Utf8;
import io.quiver.value.Value;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Tiny stand-ins for the real {@code string} codec and {@code lines} processors (those live in
 * quiver-codec), enough to drive the connectors through real Serializer/Deserializer instances.
 * Test hooks: encoding a float fails, encoding the string "overflow" throws a StackOverflowError,
 * bytes encode raw, a postprocessor input "boom" fails.
 */
final class TestCodecs {
  private TestCodecs() {}

  static Serializer serializer(boolean linesPostprocessor) {
    return new Serializer(
        new StringCodec(), linesPostprocessor ? List.of(new LinesPost()) : List.of());
  }

  static Deserializer deserializer(boolean linesPreprocessor) {
    return new Deserializer(
        linesPreprocessor ? List.of(new LinesPre()) : List.of(), new StringCodec());
  }

  /** Lines preprocessor + a JSON codec (records for correlation_field tests). */
  static Deserializer jsonDeserializer() {
    return new Deserializer(List.of(new LinesPre()), new JsonCodec());
  }

  static final class JsonCodec implements Codec {
    @Override
    public String name() {
      return "json";
    }

    @Override
    public Optional<Value> decode(byte[] data, long ingestNs) throws CodecException {
      try {
        return Optional.of(Json.parse(data));
      } catch (io.quiver.value.JsonException | RuntimeException e) {
        throw new CodecException("invalid json: " + e.getMessage());
      }
    }

    @Override
    public byte[] encode(Value value) {
      return Json.writeBytes(value);
    }
  }

  static final class StringCodec implements Codec {
    @Override
    public String name() {
      return "string";
    }

    @Override
    public Optional<Value> decode(byte[] data, long ingestNs) throws CodecException {
      if (!Utf8.isValid(data)) {
        throw new CodecException("invalid utf-8");
      }
      return Optional.of(Value.of(new String(data, StandardCharsets.UTF_8)));
    }

    @Override
    public byte[] encode(Value value) throws CodecException {
      return switch (value) {
        case Value.Str s when s.value().equals("overflow") -> throw new StackOverflowError();
        case Value.Str s -> s.value().getBytes(StandardCharsets.UTF_8);
        case Value.Bytes b -> b.value();
        case Value.Float f -> throw new CodecException("cannot encode float " + f.value());
        default -> Json.writeBytes(value);
      };
    }
  }

  static final class LinesPre implements Preprocessor {
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();

    @Override
    public String name() {
      return "lines";
    }

    @Override
    public void process(byte[] data, long ingestNs, List<byte[]> out) {
      int start = 0;
      for (int i = 0; i < data.length; i++) {
        if (data[i] == '\n') {
          buffer.write(data, start, i - start);
          out.add(buffer.toByteArray());
          buffer.reset();
          start = i + 1;
        }
      }
      buffer.write(data, start, data.length - start);
    }

    @Override
    public void finish(List<byte[]> out) {
      if (buffer.size() > 0) {
        out.add(buffer.toByteArray());
        buffer.reset();
      }
    }
  }

  static final class LinesPost implements Postprocessor {
    @Override
    public String name() {
      return "lines";
    }

    @Override
    public void process(byte[] data, long ingestNs, List<byte[]> out) throws ProcessorException {
      if (Arrays.equals(data, "boom".getBytes(StandardCharsets.UTF_8))) {
        throw new ProcessorException("boom is not allowed");
      }
      byte[] line = Arrays.copyOf(data, data.length + 1);
      line[data.length] = '\n';
      out.add(line);
    }
  }
}
