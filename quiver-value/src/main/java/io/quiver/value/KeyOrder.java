package io.quiver.value;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which order a record's keys come out in: insertion order (Quiver's default), or Tremor 0.11.12's
 * order when {@link TremorJson} is on.
 *
 * <p>In Tremor's order, records keep halfbrown's behaviour when edited ({@link HalfbrownMap}), and
 * the places where Tremor copies an event ({@link #copied(Event)}: a port's destinations but the
 * last, windowed and grouped selects, events read back from a write-ahead log) rebuild every record
 * into a hash table whose bucket order is then the output order; see docs/compatibility.md. In
 * insertion order all of this costs nothing: {@link #copied} returns its argument.
 */
public final class KeyOrder {
  private KeyOrder() {}

  /** An event as Tremor's {@code clone} of it is ordered: data and metadata copied. */
  public static Event copied(Event event) {
    if (!TremorJson.enabled()) {
      return event;
    }
    return event.withData(copy(event.data())).withMeta(copy(event.meta()));
  }

  /** A value as Tremor's {@code clone_static} of it is ordered. */
  public static Value copied(Value value) {
    return TremorJson.enabled() ? copy(value) : value;
  }

  private static Value copy(Value value) {
    return switch (value) {
      case Value.Obj o -> {
        LinkedHashMap<String, Value> fields = new LinkedHashMap<>();
        for (Map.Entry<String, Value> e : o.fields().entrySet()) {
          fields.put(e.getKey(), copy(e.getValue()));
        }
        yield new Value.Obj(HalfbrownMap.hashed(fields));
      }
      case Value.Arr a -> {
        List<Value> items = new ArrayList<>(a.items().size());
        for (Value v : a.items()) {
          items.add(copy(v));
        }
        yield new Value.Arr(items);
      }
      default -> value;
    };
  }

  /**
   * The fields of a record just parsed, in the order Tremor keeps them: a parsed record of more
   * than 32 keys is hashed from the start.
   */
  static Map<String, Value> parsed(Map<String, Value> fields) {
    return TremorJson.enabled() && fields.size() > HalfbrownMap.LIST_LIMIT
        ? HalfbrownMap.hashed(fields)
        : fields;
  }

  /** An editable copy of a record's fields that keeps the record's order rules. */
  static Map<String, Value> editable(Map<String, Value> fields) {
    if (fields instanceof HalfbrownMap h) {
      return h.editableCopy();
    }
    if (TremorJson.enabled()) {
      return HalfbrownMap.listOf(fields);
    }
    return fields instanceof ArrayFields a ? a.linkedCopy() : new LinkedHashMap<>(fields);
  }
}
