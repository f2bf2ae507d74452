package io.quiver.connectors.net;

import io.netty.handler.codec.http.HttpHeaders;
import io.netty.util.AsciiString;
import io.quiver.value.Value;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP headers as Tremor's rest connectors put them in metadata ({@code $request.headers}, {@code
 * $response.headers}): a record from each lower-case name to the list of its values in arrival
 * order. Built in one pass over Netty's headers, without a String per name Netty already holds as a
 * lower-case constant, and with one small immutable list per name (names rarely repeat).
 */
public final class HeaderRecord {
  private HeaderRecord() {}

  /** The record of {@code headers}. */
  public static Value.Obj of(HttpHeaders headers) {
    LinkedHashMap<String, Value> byName = new LinkedHashMap<>(Math.max(4, headers.size() * 2));
    Iterator<Map.Entry<CharSequence, CharSequence>> it = headers.iteratorCharSequence();
    while (it.hasNext()) {
      Map.Entry<CharSequence, CharSequence> h = it.next();
      String name = lowerCase(h.getKey());
      Value.Str value = Value.of(h.getValue().toString());
      Value had = byName.putIfAbsent(name, new Value.Arr(List.of(value)));
      if (had instanceof Value.Arr values) { // a repeated name: its values so far, then this one
        List<Value> more = new ArrayList<>(values.size() + 1);
        more.addAll(values.items());
        more.add(value);
        byName.put(name, new Value.Arr(more));
      }
    }
    return Value.obj(byName);
  }

  /** The first value of {@code name} (lower case) in a record made by {@link #of}, or null. */
  public static String first(Value.Obj record, String name) {
    return record.get(name) instanceof Value.Arr values
            && !values.items().isEmpty()
            && values.get(0) instanceof Value.Str s
        ? s.value()
        : null;
  }

  /** {@code name} in lower case: Netty's own name constants are lower case already. */
  static String lowerCase(CharSequence name) {
    if (name instanceof AsciiString a) {
      return a.toLowerCase().toString(); // the same instance (and its cached String) when lower
    }
    return name.toString().toLowerCase(Locale.ROOT);
  }
}
