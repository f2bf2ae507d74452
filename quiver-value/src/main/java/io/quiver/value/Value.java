package io.quiver.value;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An immutable event value: the JSON data model plus binary data, as in tremor-value.
 *
 * <p>Objects keep insertion order. Every instance is immutable; "modifying" operations return a new
 * value. Type names follow Tremor's ({@link #typeName()}), because they appear in error texts.
 */
public sealed interface Value
    permits Value.Null,
        Value.Bool,
        Value.Int,
        Value.Float,
        Value.Str,
        Value.Bytes,
        Value.Arr,
        Value.Obj {

  Null NULL = Null.INSTANCE;
  Bool TRUE = new Bool(true);
  Bool FALSE = new Bool(false);
  Str EMPTY_STRING = new Str("");
  Arr EMPTY_ARRAY = new Arr(List.of());
  Obj EMPTY_OBJECT = new Obj(Map.of());

  /**
   * Tremor's name of this value's type: null, bool, integer, float, string, bytes, array, record.
   */
  String typeName();

  /** The JSON null. */
  enum Null implements Value {
    INSTANCE;

    @Override
    public String typeName() {
      return "null";
    }

    @Override
    public String toString() {
      return "null";
    }
  }

  record Bool(boolean value) implements Value {
    @Override
    public String typeName() {
      return "bool";
    }
  }

  record Int(long value) implements Value {
    @Override
    public String typeName() {
      return "integer";
    }
  }

  record Float(double value) implements Value {
    @Override
    public String typeName() {
      return "float";
    }
  }

  /**
   * A string. Made either from a {@link String} or, by a codec that passes text through ({@link
   * #ofUtf8}), from valid UTF-8 bytes that become a {@code String} only when something reads {@link
   * #value()}: a message carried from one socket to another unread is never decoded or encoded.
   * Equality, hash code and text are those of the string either way.
   */
  final class Str implements Value {
    /** The text; null until first read when made from bytes (then set once, racily but safely). */
    private String value;

    /** The UTF-8 bytes it was made from, or null; owned by the value, never modified. */
    private final byte[] utf8;

    public Str(String value) {
      if (value == null) {
        throw new NullPointerException("string value");
      }
      this.value = value;
      this.utf8 = null;
    }

    private Str(byte[] utf8) {
      this.utf8 = utf8;
    }

    /**
     * A string of {@code utf8}, which the caller has checked to be valid UTF-8 and hands over: it
     * must never be modified afterwards.
     */
    public static Str ofUtf8(byte[] utf8) {
      return utf8.length == 0 ? EMPTY_STRING : new Str(utf8);
    }

    /** The text (decoded from the bytes at the first call when it was made from bytes). */
    public String value() {
      String text = value;
      if (text == null) {
        text = new String(utf8, StandardCharsets.UTF_8);
        value = text; // a String is immutable: a racing reader sees null (and decodes) or it
      }
      return text;
    }

    /**
     * The UTF-8 bytes this string was made from ({@link #ofUtf8}), or null when it was made from a
     * {@code String}. Read only: the array belongs to the value.
     */
    public byte[] utf8OrNull() {
      return utf8;
    }

    @Override
    public String typeName() {
      return "string";
    }

    @Override
    public boolean equals(Object o) {
      if (this == o) {
        return true;
      }
      if (!(o instanceof Str other)) {
        return false;
      }
      if (utf8 != null && other.utf8 != null && value == null && other.value == null) {
        return Arrays.equals(utf8, other.utf8);
      }
      return value().equals(other.value());
    }

    @Override
    public int hashCode() {
      return value().hashCode();
    }

    @Override
    public String toString() {
      return "Str[value=" + value() + "]";
    }
  }

  /** Binary data. The array is owned by the value: never modify it after construction. */
  record Bytes(byte[] value) implements Value {
    @Override
    public String typeName() {
      return "bytes";
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Bytes b && Arrays.equals(value, b.value);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(value);
    }

    @Override
    public String toString() {
      return "Bytes" + Arrays.toString(value);
    }
  }

  /** An array; the list is unmodifiable. */
  record Arr(List<Value> items) implements Value {
    public Arr {
      items = Collections.unmodifiableList(items);
    }

    @Override
    public String typeName() {
      return "array";
    }

    public int size() {
      return items.size();
    }

    public Value get(int i) {
      return items.get(i);
    }
  }

  /**
   * A record (JSON object) keeping insertion order, or Tremor's order when {@link KeyOrder} asks
   * for it; the map is unmodifiable.
   */
  record Obj(Map<String, Value> fields) implements Value {
    public Obj {
      if (fields instanceof HalfbrownMap h) {
        fields = h.freeze();
      } else if (!(fields instanceof ArrayFields)) { // read-only already
        fields = Collections.unmodifiableMap(fields);
      }
    }

    @Override
    public String typeName() {
      return "record";
    }

    /** The field's value, or {@code null} (Java null) when absent. */
    public Value get(String key) {
      return fields.get(key);
    }

    public int size() {
      return fields.size();
    }

    /**
     * A copy with {@code key} set to {@code value} (appended if new, replaced in place otherwise).
     */
    public Obj with(String key, Value value) {
      if (fields instanceof ArrayFields a && !TremorJson.enabled()) {
        return new Obj(a.with(key, value)); // same order as the map copy below, without its nodes
      }
      Map<String, Value> copy = editableFields();
      copy.put(key, value);
      return new Obj(copy);
    }

    /**
     * A copy of the fields to edit and wrap in a new record: a {@link LinkedHashMap}, or in
     * Tremor's key order a map that keeps Tremor's order rules.
     */
    public Map<String, Value> editableFields() {
      return KeyOrder.editable(fields);
    }

    /**
     * A copy without any of {@code keys} (null entries are no key): this record when it has none of
     * them.
     */
    public Obj withoutAll(String[] keys) {
      if (fields instanceof ArrayFields a && !TremorJson.enabled()) {
        ArrayFields rest = a.without(keys);
        return rest == a ? this : new Obj(rest);
      }
      Map<String, Value> copy = editableFields();
      for (String key : keys) {
        copy.remove(key);
      }
      return new Obj(copy);
    }

    /** A copy without {@code key}. */
    public Obj without(String key) {
      if (!fields.containsKey(key)) {
        return this;
      }
      Map<String, Value> copy = editableFields();
      copy.remove(key);
      return new Obj(copy);
    }
  }

  static Str of(String s) {
    return s.isEmpty() ? EMPTY_STRING : new Str(s);
  }

  static Int of(long l) {
    return new Int(l);
  }

  static Float of(double d) {
    return new Float(d);
  }

  static Bool of(boolean b) {
    return b ? TRUE : FALSE;
  }

  static Bytes of(byte[] b) {
    return new Bytes(b);
  }

  static Arr array(Value... items) {
    return new Arr(List.of(items));
  }

  static Arr array(List<Value> items) {
    return new Arr(new ArrayList<>(items));
  }

  /** A record from alternating keys and values: {@code obj("a", Value.of(1), "b", Value.NULL)}. */
  static Obj obj(Object... keysAndValues) {
    if (keysAndValues.length % 2 != 0) {
      throw new IllegalArgumentException("obj needs key/value pairs");
    }
    LinkedHashMap<String, Value> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put((String) keysAndValues[i], (Value) keysAndValues[i + 1]);
    }
    return new Obj(map);
  }

  /**
   * A record of the distinct {@code keys} and their {@code values}, in that order, kept in the two
   * arrays as they are (no map, no copy): for records built per event, such as metadata. The caller
   * no longer touches the arrays.
   */
  static Obj record(String[] keys, Value[] values) {
    return new Obj(ArrayFields.owned(keys, values));
  }

  /** Wraps a map the caller no longer touches (no copy). */
  static Obj obj(Map<String, Value> owned) {
    return new Obj(owned);
  }

  /** This value as a string if it is one, else {@code null}. */
  default String asString() {
    return this instanceof Str s ? s.value() : null;
  }

  /** True for records. */
  default boolean isObject() {
    return this instanceof Obj;
  }
}
