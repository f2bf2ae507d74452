package io.quiver.codec;

import io.quiver.spi.Codec;
import io.quiver.spi.CodecException;
import io.quiver.spi.CodecProvider;
import io.quiver.value.Json;
import io.quiver.value.Value;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessageFormat;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessagePackException;
import org.msgpack.core.MessageUnpacker;

/**
 * Tremor's {@code msgpack} codec: one MessagePack value per chunk (bytes after the first value
 * are ignored, as rmp-serde does).
 *
 * <p>Decoding: nil, bool, integers, float32/64 (as float), str, bin (as bytes), array, map with
 * string keys. A str that is not valid UTF-8 becomes bytes. An unsigned integer above
 * {@code Long.MAX_VALUE} becomes a float (Quiver has signed 64-bit integers only; the JSON reader
 * does the same). Extension types and non-string map keys are errors.
 *
 * <p>Encoding: the most compact integer form, float64 for floats, str, bin, array, map; records
 * keep their field order.
 */
public final class MsgpackCodec implements Codec {
  public static final String NAME = "msgpack";
  static final String ERROR_PREFIX = "Invalid MessagePack data: ";

  private static final MessagePack.UnpackerConfig UNPACKER =
      new MessagePack.UnpackerConfig()
          .withActionOnMalformedString(CodingErrorAction.REPORT)
          .withActionOnUnmappableString(CodingErrorAction.REPORT);
  private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Optional<Value> decode(byte[] data, long ingestNs) throws CodecException {
    try (MessageUnpacker in = UNPACKER.newUnpacker(data)) {
      return Optional.of(read(in, 0));
    } catch (MessagePackException | IOException e) {
      throw new CodecException(ERROR_PREFIX + describe(e), e);
    }
  }

  private static String describe(Exception e) {
    if (e instanceof java.io.EOFException || e instanceof org.msgpack.core.MessageInsufficientBufferException) {
      return "the data ends in the middle of a value (truncated?)";
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  private static Value read(MessageUnpacker in, int depth) throws IOException, CodecException {
    if (depth > Json.MAX_DEPTH) {
      throw new CodecException(ERROR_PREFIX + "nesting deeper than " + Json.MAX_DEPTH + " levels");
    }
    MessageFormat format = in.getNextFormat();
    return switch (format.getValueType()) {
      case NIL -> {
        in.unpackNil();
        yield Value.NULL;
      }
      case BOOLEAN -> Value.of(in.unpackBoolean());
      case INTEGER -> {
        if (format == MessageFormat.UINT64) {
          BigInteger big = in.unpackBigInteger();
          yield big.compareTo(LONG_MAX) > 0 ? Value.of(big.doubleValue()) : Value.of(big.longValue());
        }
        yield Value.of(in.unpackLong());
      }
      case FLOAT -> Value.of(in.unpackDouble());
      case STRING -> {
        int length = in.unpackRawStringHeader();
        byte[] raw = in.readPayload(length);
        yield utf8(raw);
      }
      case BINARY -> Value.of(in.readPayload(in.unpackBinaryHeader()));
      case ARRAY -> {
        int n = in.unpackArrayHeader();
        List<Value> items = new ArrayList<>(Math.min(n, 1024));
        for (int i = 0; i < n; i++) {
          items.add(read(in, depth + 1));
        }
        yield new Value.Arr(items);
      }
      case MAP -> {
        int n = in.unpackMapHeader();
        LinkedHashMap<String, Value> fields = new LinkedHashMap<>(Math.min(n, 1024) * 2);
        for (int i = 0; i < n; i++) {
          MessageFormat keyFormat = in.getNextFormat();
          if (keyFormat.getValueType() != org.msgpack.value.ValueType.STRING) {
            throw new CodecException(
                ERROR_PREFIX + "map key " + (i + 1) + " is " + keyFormat.getValueType().name().toLowerCase()
                    + ", expected a string");
          }
          String key = in.unpackString();
          fields.put(key, read(in, depth + 1));
        }
        yield Value.obj(fields);
      }
      case EXTENSION -> {
        var header = in.unpackExtensionTypeHeader();
        throw new CodecException(
            ERROR_PREFIX + "extension type " + header.getType() + " is not supported");
      }
    };
  }

  private static Value utf8(byte[] raw) {
    try {
      return Value.of(java.nio.charset.StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(java.nio.ByteBuffer.wrap(raw))
          .toString());
    } catch (CharacterCodingException e) {
      return Value.of(raw);
    }
  }

  @Override
  public byte[] encode(Value value) throws CodecException {
    try (MessageBufferPacker out = MessagePack.newDefaultBufferPacker()) {
      write(out, value);
      return out.toByteArray();
    } catch (IOException e) {
      throw new CodecException("MessagePack encoding failed: " + e.getMessage(), e);
    }
  }

  private static void write(MessageBufferPacker out, Value value) throws IOException {
    switch (value) {
      case Value.Null n -> out.packNil();
      case Value.Bool b -> out.packBoolean(b.value());
      case Value.Int i -> out.packLong(i.value());
      case Value.Float f -> out.packDouble(f.value());
      case Value.Str s -> out.packString(s.value());
      case Value.Bytes b -> {
        out.packBinaryHeader(b.value().length);
        out.writePayload(b.value());
      }
      case Value.Arr a -> {
        out.packArrayHeader(a.size());
        for (Value item : a.items()) {
          write(out, item);
        }
      }
      case Value.Obj o -> {
        out.packMapHeader(o.size());
        for (Map.Entry<String, Value> e : o.fields().entrySet()) {
          out.packString(e.getKey());
          write(out, e.getValue());
        }
      }
    }
  }

  /** Registers the codec as {@value #NAME}. */
  public static final class Provider implements CodecProvider {
    @Override
    public String name() {
      return NAME;
    }

    @Override
    public Codec create() {
      return new MsgpackCodec();
    }
  }
}
