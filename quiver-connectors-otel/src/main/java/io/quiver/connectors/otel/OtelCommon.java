package io.quiver.connectors.otel;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.common.v1.KeyValueList;
import io.opentelemetry.proto.resource.v1.Resource;
import io.quiver.value.Value;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The OTLP parts every signal shares: attribute values, attribute lists, the instrumentation
 * library (OTLP's instrumentation scope today) and the resource ({@code connectors/otel/common.rs}
 * and {@code resource.rs}).
 */
final class OtelCommon {
  private OtelCommon() {}

  static Value anyValue(AnyValue pb) {
    return switch (pb.getValueCase()) {
      case STRING_VALUE -> Value.of(pb.getStringValue());
      case BOOL_VALUE -> Value.of(pb.getBoolValue());
      case INT_VALUE -> Value.of(pb.getIntValue());
      case DOUBLE_VALUE -> Value.of(pb.getDoubleValue());
      case ARRAY_VALUE -> {
        List<Value> items = new ArrayList<>(pb.getArrayValue().getValuesCount());
        for (AnyValue item : pb.getArrayValue().getValuesList()) {
          items.add(anyValue(item));
        }
        yield Value.array(items);
      }
      case KVLIST_VALUE -> attributes(pb.getKvlistValue().getValuesList());
      case BYTES_VALUE -> Value.of(pb.getBytesValue().toByteArray());
      case STRING_VALUE_STRINDEX, VALUE_NOT_SET -> Value.NULL; // string tables: profiles only
    };
  }

  static AnyValue anyValue(Value v) {
    AnyValue.Builder out = AnyValue.newBuilder();
    switch (v) {
      case Value.Null n -> {}
      case Value.Bool b -> out.setBoolValue(b.value());
      case Value.Int i -> out.setIntValue(i.value());
      case Value.Float f -> out.setDoubleValue(f.value());
      case Value.Str s -> out.setStringValue(s.value());
      case Value.Bytes b -> out.setBytesValue(ByteString.copyFrom(b.value()));
      case Value.Arr a -> {
        ArrayValue.Builder array = ArrayValue.newBuilder();
        for (Value item : a.items()) {
          array.addValues(anyValue(item));
        }
        out.setArrayValue(array);
      }
      case Value.Obj o -> out.setKvlistValue(KeyValueList.newBuilder().addAllValues(keyValues(o)));
    }
    return out.build();
  }

  /** An attribute list as a record (a key without a value is null; a repeated key: the last). */
  static Value.Obj attributes(List<KeyValue> pb) {
    Map<String, Value> fields = new LinkedHashMap<>();
    for (KeyValue kv : pb) {
      fields.put(kv.getKey(), kv.hasValue() ? anyValue(kv.getValue()) : Value.NULL);
    }
    return Value.obj(fields);
  }

  /** A record as an attribute list; anything else is refused with Tremor's text. */
  static List<KeyValue> attributes(Value v) throws OtelMappingException {
    if (!(v instanceof Value.Obj o)) {
      throw new OtelMappingException("Expected a json object, found otherwise - cannot map to pb");
    }
    return keyValues(o);
  }

  /** Tremor's metric labels (string pairs then, attributes now): a record is required. */
  static List<KeyValue> labels(Value v) throws OtelMappingException {
    if (!(v instanceof Value.Obj o)) {
      throw new OtelMappingException("Unable to map json to Vec<StringKeyValue> pb");
    }
    return keyValues(o);
  }

  private static List<KeyValue> keyValues(Value.Obj o) {
    List<KeyValue> out = new ArrayList<>(o.size());
    o.fields()
        .forEach(
            (k, val) -> out.add(KeyValue.newBuilder().setKey(k).setValue(anyValue(val)).build()));
    return out;
  }

  static Value instrumentationLibrary(boolean present, InstrumentationScope scope) {
    if (!present) {
      return Value.NULL;
    }
    return Value.obj("name", Value.of(scope.getName()), "version", Value.of(scope.getVersion()));
  }

  /** The scope of a record, or null when the event has none (a null value counts as none). */
  static InstrumentationScope instrumentationLibrary(Value v) throws OtelMappingException {
    if (v == null || v instanceof Value.Null) {
      return null;
    }
    return InstrumentationScope.newBuilder()
        .setName(PbScalars.string(PbScalars.field(v, "name")))
        .setVersion(PbScalars.string(PbScalars.field(v, "version")))
        .build();
  }

  static Value resource(boolean present, Resource pb) {
    if (!present) {
      return Value.obj("attributes", Value.EMPTY_OBJECT, "dropped_attributes_count", Value.of(0));
    }
    return Value.obj(
        "attributes",
        attributes(pb.getAttributesList()),
        "dropped_attributes_count",
        Value.of(Integer.toUnsignedLong(pb.getDroppedAttributesCount())));
  }

  static Resource resource(Value v) throws OtelMappingException {
    if (!(v instanceof Value.Obj o)) {
      throw new OtelMappingException("Invalid json mapping for Resource");
    }
    int dropped = PbScalars.u32(o.get("dropped_attributes_count"));
    return Resource.newBuilder()
        .addAllAttributes(attributes(o.get("attributes")))
        .setDroppedAttributesCount(dropped)
        .build();
  }
}
