package io.quiver.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.value.Json;
import io.quiver.value.Value;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessageUnpacker;
import org.msgpack.value.ImmutableValue;

/**
 * Quiver's MessagePack against two independent implementations: msgpack-java (msgpack-core) and
 * msgpack-python (Debian python3-msgpack; skipped with a message when absent).
 */
class MsgpackInteropTest {
  private final MsgpackCodec codec = new MsgpackCodec();

  private static List<Value> samples(boolean withBytes) {
    RandomValues random = new RandomValues(7, withBytes);
    List<Value> values = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      values.add(random.next(4));
    }
    return values;
  }

  @Test
  void msgpackJavaReadsWhatQuiverWrites() throws Exception {
    for (Value v : samples(true)) {
      byte[] ours = codec.encode(v);
      try (MessageUnpacker in = MessagePack.newDefaultUnpacker(ours)) {
        assertThat(fromMsgpackJava(in.unpackValue())).isEqualTo(v);
        assertThat(in.hasNext()).isFalse();
      }
    }
  }

  @Test
  void quiverReadsWhatMsgpackJavaWritesByteForByteTheSame() throws Exception {
    for (Value v : samples(true)) {
      try (MessageBufferPacker out = MessagePack.newDefaultBufferPacker()) {
        pack(out, v);
        byte[] theirs = out.toByteArray();
        assertThat(codec.decode(theirs, 0)).contains(v);
        assertThat(codec.encode(v)).isEqualTo(theirs);
      }
    }
  }

  private static final String PY_PACK =
      "import sys, json, msgpack\n"
          + "for line in sys.stdin:\n"
          + "    sys.stdout.write(msgpack.packb(json.loads(line), use_bin_type=True).hex() + '\\n')\n";
  private static final String PY_UNPACK =
      "import sys, json, msgpack\n"
          + "for line in sys.stdin:\n"
          + "    v = msgpack.unpackb(bytes.fromhex(line.strip()), raw=False, strict_map_key=False)\n"
          + "    sys.stdout.write(json.dumps(v, ensure_ascii=False, separators=(',', ':')) + '\\n')\n";

  @Test
  void msgpackPythonAgreesBothWays() throws Exception {
    String python = Python.withModule("msgpack", "python3-msgpack");
    List<Value> values = samples(false);
    StringBuilder json = new StringBuilder();
    StringBuilder hex = new StringBuilder();
    java.util.HexFormat h = java.util.HexFormat.of();
    for (Value v : values) {
      json.append(Json.write(v)).append('\n');
      hex.append(h.formatHex(codec.encode(v))).append('\n');
    }
    String[] packed =
        new String(
                Python.run(python, PY_PACK, json.toString().getBytes(StandardCharsets.UTF_8)),
                StandardCharsets.UTF_8)
            .split("\n");
    String[] unpacked =
        new String(
                Python.run(python, PY_UNPACK, hex.toString().getBytes(StandardCharsets.UTF_8)),
                StandardCharsets.UTF_8)
            .split("\n");
    assertThat(packed).hasSize(values.size());
    assertThat(unpacked).hasSize(values.size());
    for (int i = 0; i < values.size(); i++) {
      Value v = values.get(i);
      assertThat(codec.decode(h.parseHex(packed[i]), 0))
          .as("python packed %s", packed[i])
          .contains(v);
      assertThat(Json.parse(unpacked[i])).as("python unpacked %s", unpacked[i]).isEqualTo(v);
    }
  }

  static Value fromMsgpackJava(ImmutableValue v) {
    return switch (v.getValueType()) {
      case NIL -> Value.NULL;
      case BOOLEAN -> Value.of(v.asBooleanValue().getBoolean());
      case INTEGER -> Value.of(v.asIntegerValue().toLong());
      case FLOAT -> Value.of(v.asFloatValue().toDouble());
      case STRING -> Value.of(v.asStringValue().asString());
      case BINARY -> Value.of(v.asBinaryValue().asByteArray());
      case ARRAY -> {
        List<Value> items = new ArrayList<>();
        for (org.msgpack.value.Value item : v.asArrayValue()) {
          items.add(fromMsgpackJava(item.immutableValue()));
        }
        yield new Value.Arr(items);
      }
      case MAP -> {
        LinkedHashMap<String, Value> fields = new LinkedHashMap<>();
        for (var e : v.asMapValue().entrySet()) {
          fields.put(
              e.getKey().asStringValue().asString(),
              fromMsgpackJava(e.getValue().immutableValue()));
        }
        yield Value.obj(fields);
      }
      case EXTENSION -> throw new AssertionError("extension");
    };
  }

  static void pack(MessageBufferPacker out, Value v) throws java.io.IOException {
    switch (v) {
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
          pack(out, item);
        }
      }
      case Value.Obj o -> {
        out.packMapHeader(o.size());
        for (Map.Entry<String, Value> e : o.fields().entrySet()) {
          out.packString(e.getKey());
          pack(out, e.getValue());
        }
      }
    }
  }
}
