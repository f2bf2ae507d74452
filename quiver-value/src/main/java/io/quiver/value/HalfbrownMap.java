package io.quiver.value;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A record's fields in the order Tremor 0.11.12 keeps them: halfbrown 0.1.11's map, used only when
 * Tremor's key order is asked for ({@link KeyOrder}).
 *
 * <p>Up to 32 keys halfbrown keeps a list: new keys go to the end and a removed key's place is
 * taken by the last key ({@code swap_remove}). Inserting into a full list, or copying a record
 * ({@link #copied}), moves the keys into a hashbrown table ({@link TremorKeyOrder.Table}), which
 * then decides the order for good. A map is editable until {@link #freeze} (a record holds frozen
 * maps only).
 */
final class HalfbrownMap extends AbstractMap<String, Value> {
  /** halfbrown's {@code VEC_LIMIT_UPPER}. */
  static final int LIST_LIMIT = 32;

  private final HashMap<String, Value> values;

  /** The key order while a list; null once hashed. */
  private List<String> list;

  /** The table once hashed; null while a list. */
  private TremorKeyOrder.Table table;

  private boolean frozen;
  private List<String> order;

  private HalfbrownMap(
      HashMap<String, Value> values, List<String> list, TremorKeyOrder.Table table) {
    this.values = values;
    this.list = list;
    this.table = table;
  }

  /** An editable list-kind map with the fields of {@code fields} in their order. */
  static HalfbrownMap listOf(Map<String, Value> fields) {
    if (fields instanceof HalfbrownMap h) {
      return h.editableCopy();
    }
    return new HalfbrownMap(new HashMap<>(fields), new ArrayList<>(fields.keySet()), null);
  }

  /**
   * The map Tremor builds when it copies a record ({@code clone_static}/{@code into_static}) or
   * parses one of more than 32 keys: hashed, keys inserted in {@code fields}' order.
   */
  static HalfbrownMap hashed(Map<String, Value> fields) {
    return new HalfbrownMap(
        new HashMap<>(fields),
        null,
        TremorKeyOrder.Table.rebuilt(new ArrayList<>(fields.keySet())));
  }

  /** An editable copy of this map, of the same kind. */
  HalfbrownMap editableCopy() {
    return new HalfbrownMap(
        new HashMap<>(values),
        list == null ? null : new ArrayList<>(list),
        table == null ? null : table.copy());
  }

  /**
   * Makes this map read-only; returns it. The key order is fixed here, before the record holding
   * the map is shared with other threads.
   */
  HalfbrownMap freeze() {
    frozen = true;
    order = null;
    order();
    return this;
  }

  boolean isHashed() {
    return table != null;
  }

  @Override
  public int size() {
    return values.size();
  }

  @Override
  public boolean containsKey(Object key) {
    return values.containsKey(key);
  }

  @Override
  public Value get(Object key) {
    return values.get(key);
  }

  @Override
  public Value put(String key, Value value) {
    checkEditable();
    Value old = values.put(key, value);
    if (old == null) {
      if (table != null) {
        table.insert(key);
      } else if (list.size() >= LIST_LIMIT) {
        table = TremorKeyOrder.Table.rebuilt(list);
        list = null;
        table.insert(key);
      } else {
        list.add(key);
      }
      order = null;
    } else if (table == null && list.size() >= LIST_LIMIT) {
      // halfbrown moves a full list into a table on any insert, even of a key it already has
      table = TremorKeyOrder.Table.rebuilt(list);
      list = null;
      order = null;
    }
    return old;
  }

  @Override
  public Value remove(Object key) {
    checkEditable();
    Value old = values.remove(key);
    if (old != null) {
      String k = (String) key;
      if (table != null) {
        table.remove(k);
      } else {
        int at = list.indexOf(k);
        String last = list.remove(list.size() - 1);
        if (at < list.size()) {
          list.set(at, last);
        }
      }
      order = null;
    }
    return old;
  }

  @Override
  public void clear() {
    checkEditable();
    values.clear();
    list = new ArrayList<>();
    table = null;
    order = null;
  }

  private void checkEditable() {
    if (frozen) {
      throw new UnsupportedOperationException("a record's fields are read-only");
    }
  }

  private List<String> order() {
    List<String> o = order;
    if (o == null) {
      o = List.copyOf(table != null ? table.keys() : list);
      order = o;
    }
    return o;
  }

  @Override
  public Set<Entry<String, Value>> entrySet() {
    return new AbstractSet<>() {
      @Override
      public int size() {
        return values.size();
      }

      @Override
      public Iterator<Entry<String, Value>> iterator() {
        Iterator<String> keys = order().iterator();
        return new Iterator<>() {
          @Override
          public boolean hasNext() {
            return keys.hasNext();
          }

          @Override
          public Entry<String, Value> next() {
            String k = keys.next();
            return new SimpleImmutableEntry<>(k, values.get(k));
          }
        };
      }
    };
  }
}
