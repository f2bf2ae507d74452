package io.quiver.connectors.otel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.common.v1.KeyValueList;
import io.quiver.value.Value;
import java.util.List;
import org.junit.jupiter.api.Test;

class OtelCommonTest {
  @Test
  void everyKindOfAttributeValueRoundTrips() {
    List<AnyValue> values =
        List.of(
            AnyValue.getDefaultInstance(),
            AnyValue.newBuilder().setStringValue("").build(),
            AnyValue.newBuilder().setStringValue("snot").build(),
            AnyValue.newBuilder().setBoolValue(true).build(),
            AnyValue.newBuilder().setIntValue(Long.MIN_VALUE).build(),
            AnyValue.newBuilder().setIntValue(Long.MAX_VALUE).build(),
            AnyValue.newBuilder().setDoubleValue(Double.MAX_VALUE).build(),
            AnyValue.newBuilder().setBytesValue(ByteString.copyFrom(new byte[] {0, -1})).build(),
            AnyValue.newBuilder()
                .setArrayValue(
                    ArrayValue.newBuilder()
                        .addValues(AnyValue.newBuilder().setIntValue(1))
                        .addValues(AnyValue.newBuilder().setStringValue("x")))
                .build(),
            AnyValue.newBuilder()
                .setKvlistValue(
                    KeyValueList.newBuilder()
                        .addValues(
                            KeyValue.newBuilder()
                                .setKey("badger")
                                .setValue(AnyValue.newBuilder().setStringValue("snot"))))
                .build());
    for (AnyValue pb : values) {
      assertThat(OtelCommon.anyValue(OtelCommon.anyValue(pb))).isEqualTo(pb);
    }
    assertThat(OtelCommon.anyValue(values.get(0))).isEqualTo(Value.NULL);
    assertThat(OtelCommon.anyValue(values.get(4))).isEqualTo(Value.of(Long.MIN_VALUE));
    assertThat(OtelCommon.anyValue(values.get(9))).isEqualTo(Value.obj("badger", Value.of("snot")));
  }

  @Test
  void attributesNeedARecordAndAKeyWithoutValueIsNull() {
    assertThat(OtelCommon.attributes(List.of(KeyValue.newBuilder().setKey("k").build())))
        .isEqualTo(Value.obj("k", Value.NULL));
    assertThatThrownBy(() -> OtelCommon.attributes(Value.array()))
        .hasMessage("Expected a json object, found otherwise - cannot map to pb");
    assertThatThrownBy(() -> OtelCommon.resource(Value.of("x")))
        .hasMessage("Invalid json mapping for Resource");
    assertThatThrownBy(() -> OtelCommon.instrumentationLibrary(Value.obj("name", Value.of(1))))
        .hasMessage("Expected an json string to convert to pb string");
  }
}
