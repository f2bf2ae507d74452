package io.quiver.connectors.cloud.discord;

import io.quiver.value.Value;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Discord sends ids (snowflakes) as strings; serenity, and so Tremor's events, has them as
 * integers. {@link #toInts} turns every digit string under a key {@code id}, {@code *_id}, {@code
 * *_ids} or {@code roles} into an integer, at any depth.
 */
final class Snowflakes {
  private Snowflakes() {}

  static Value toInts(Value v) {
    return convert(v, false);
  }

  private static Value convert(Value v, boolean idContext) {
    return switch (v) {
      case Value.Obj o -> {
        Map<String, Value> out = new LinkedHashMap<>();
        o.fields().forEach((k, x) -> out.put(k, convert(x, isIdKey(k))));
        yield Value.obj(out);
      }
      case Value.Arr a -> {
        List<Value> out = new ArrayList<>(a.items().size());
        a.items().forEach(x -> out.add(convert(x, idContext)));
        yield Value.array(out);
      }
      case Value.Str s when idContext && isSnowflake(s.value()) ->
          Value.of(Long.parseUnsignedLong(s.value()));
      default -> v;
    };
  }

  static boolean isIdKey(String k) {
    return k.equals("id") || k.endsWith("_id") || k.endsWith("_ids") || k.equals("roles");
  }

  private static boolean isSnowflake(String s) {
    if (s.isEmpty() || s.length() > 19) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') {
        return false;
      }
    }
    return s.length() < 19 || s.compareTo("9223372036854775807") <= 0;
  }
}
