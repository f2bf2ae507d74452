package io.quiver.script;

import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.value.Json;
import io.quiver.value.Value;
import org.junit.jupiter.api.Test;

class CncfOtelTest {
  @Test
  void xoshiroMatchesTheReferenceVector() {
    CncfOtel.Xoshiro256PlusPlus rng = new CncfOtel.Xoshiro256PlusPlus(1, 2, 3, 4);
    long[] expected = {
      41943041L,
      58720359L,
      3588806011781223L,
      3591011842654386L,
      Long.parseUnsignedLong("9228616714210784205"),
      Long.parseUnsignedLong("9973669472204895162")
    };
    for (long e : expected) {
      assertThat(rng.nextLong()).isEqualTo(e);
    }
  }

  @Test
  void seedingFromAU64GoesThroughSplitMix64() {
    CncfOtel.Xoshiro256PlusPlus rng = CncfOtel.Xoshiro256PlusPlus.seedFromU64(42);
    assertThat(Long.toUnsignedString(rng.nextLong())).isEqualTo("15021278609987233951");
    assertThat(Long.toUnsignedString(rng.nextLong())).isEqualTo("5881210131331364753");
    assertThat(Long.toUnsignedString(rng.nextLong())).isEqualTo("18149643915985481100");
  }

  @Test
  void theThreeFormsOfAnIdAreTheSameBytes() {
    long ingest = 1_700_000_000_123_456_789L;
    Value string = CncfOtel.call("gen_trace_id_string", ingest);
    Value array = CncfOtel.call("gen_trace_id_array", ingest);
    Value bytes = CncfOtel.call("gen_trace_id_bytes", ingest);
    assertThat(string.asString()).hasSize(32).matches("[0-9a-f]{32}");
    byte[] raw = ((Value.Bytes) bytes).value();
    assertThat(raw).hasSize(16);
    assertThat(java.util.HexFormat.of().formatHex(raw)).isEqualTo(string.asString());
    assertThat(((Value.Arr) array).items())
        .extracting(v -> (byte) ((Value.Int) v).value())
        .containsExactly(toObjects(raw));
    assertThat(CncfOtel.call("gen_span_id_string", ingest).asString()).hasSize(16);
    // the first 8 bytes of a trace id are the span id of the same seed (one generator, one draw
    // per byte)
    assertThat(string.asString())
        .startsWith(CncfOtel.call("gen_span_id_string", ingest).asString());
    assertThat(CncfOtel.call("gen_span_id_string", ingest + 1))
        .isNotEqualTo(CncfOtel.call("gen_span_id_string", ingest));
  }

  @Test
  void scriptsReachThemThroughAnIntrinsicAndGetTheEventsIds() throws Exception {
    Script script =
        Script.compile(
            """
            intrinsic fn span() as cncf::otel::gen_span_id_string;
            intrinsic fn trace() as cncf::otel::gen_trace_id_array;
            {"span": span(), "again": span(), "trace": trace()}
            """,
            "otel.tremor",
            ModulePath.EMPTY);
    Value a =
        script
            .run(
                Value.NULL,
                Value.EMPTY_OBJECT,
                Value.NULL,
                Value.EMPTY_OBJECT,
                new EventContext(7, Value.NULL))
            .value();
    Value b =
        script
            .run(
                Value.NULL,
                Value.EMPTY_OBJECT,
                Value.NULL,
                Value.EMPTY_OBJECT,
                new EventContext(8, Value.NULL))
            .value();
    Value.Obj first = (Value.Obj) a;
    assertThat(first.get("span")).isEqualTo(CncfOtel.call("gen_span_id_string", 7));
    assertThat(first.get("again")).isEqualTo(first.get("span"));
    assertThat(first.get("trace")).isEqualTo(CncfOtel.call("gen_trace_id_array", 7));
    assertThat(((Value.Obj) b).get("span")).isNotEqualTo(first.get("span"));
    assertThat(Json.write(first.get("trace"))).startsWith("[");
  }

  private static Byte[] toObjects(byte[] raw) {
    Byte[] out = new Byte[raw.length];
    for (int i = 0; i < raw.length; i++) {
      out[i] = raw[i];
    }
    return out;
  }
}
