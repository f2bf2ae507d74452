package io.quiver.script;

import io.quiver.value.Value;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.TreeSet;

/**
 * The {@code kv} extractor's rule, as Tremor's (tremor-kv 0.2): {@code %{key}=%{val}&} declares
 * {@code =} a key separator and {@code &} a field separator; text before a {@code %{key}} is a
 * field separator too, and one rule may declare several of each ({@code %{key}=%{val};%{key}:%{val}
 * }). An empty rule means fields split by a space, keys by a colon. {@code \n}, {@code \t}, {@code
 * \r} and {@code \\} are escapes. A field that does not split into exactly a key and a value is
 * skipped; no pair at all is no match.
 */
record KvPattern(List<String> fieldSeparators, List<String> keySeparators) {
  private static final String KEY = "%{key}";
  private static final String VAL = "%{val}";

  KvPattern {
    fieldSeparators = List.copyOf(fieldSeparators);
    keySeparators = List.copyOf(keySeparators);
  }

  static KvPattern compile(String rule) throws Extractors.ExtractorException {
    TreeSet<String> fields = new TreeSet<>();
    TreeSet<String> keys = new TreeSet<>();
    int i = 0;
    while (i < rule.length()) {
      if (rule.startsWith(KEY, i)) {
        i += KEY.length();
        int val = rule.indexOf(VAL, i);
        if (val < 0) {
          throw new Extractors.ExtractorException("invalid pattern at character " + i);
        }
        if (val > i) {
          keys.add(unescape(rule.substring(i, val)));
        }
        i = val + VAL.length();
      } else {
        int key = rule.indexOf(KEY, i);
        int end = key < 0 ? rule.length() : key;
        fields.add(unescape(rule.substring(i, end)));
        i = end;
      }
    }
    if (fields.isEmpty()) {
      fields.add(" ");
    }
    if (keys.isEmpty()) {
      keys.add(":");
    }
    for (String f : fields) {
      if (keys.stream().anyMatch(k -> k.contains(f))
          || fields.stream().anyMatch(o -> !o.equals(f) && o.contains(f))) {
        throw doubled(f);
      }
    }
    for (String k : keys) {
      if (fields.stream().anyMatch(f -> f.contains(k))
          || keys.stream().anyMatch(o -> !o.equals(k) && o.contains(k))) {
        throw doubled(k);
      }
    }
    return new KvPattern(new ArrayList<>(fields), new ArrayList<>(keys));
  }

  /** The pairs of {@code s} as a record of strings, or null when there is none. */
  Value run(String s) {
    LinkedHashMap<String, Value> out = new LinkedHashMap<>();
    for (String field : split(s, fieldSeparators)) {
      List<String> kv = split(field, keySeparators);
      if (kv.size() == 2) {
        out.put(kv.get(0), Value.of(kv.get(1)));
      }
    }
    return out.isEmpty() ? null : Value.obj(out);
  }

  /** {@code s} split by each separator in turn (empty pieces kept). */
  private static List<String> split(String s, List<String> separators) {
    List<String> pieces = List.of(s);
    for (String sep : separators) {
      List<String> next = new ArrayList<>();
      for (String piece : pieces) {
        int from = 0;
        int at;
        while ((at = piece.indexOf(sep, from)) >= 0) {
          next.add(piece.substring(from, at));
          from = at + sep.length();
        }
        next.add(piece.substring(from));
      }
      pieces = next;
    }
    return pieces;
  }

  private static Extractors.ExtractorException doubled(String sep) {
    return new Extractors.ExtractorException(
        "The seperator '"
            + sep
            + "' is used for both key value seperation as well as pair seperation.");
  }

  private static String unescape(String s) throws Extractors.ExtractorException {
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c != '\\') {
        out.append(c);
        continue;
      }
      if (++i == s.length()) {
        throw new Extractors.ExtractorException(
            "Unterminated escape at the end of line or of a delimiter %{ can't be escaped");
      }
      char e = s.charAt(i);
      out.append(
          switch (e) {
            case '\\' -> '\\';
            case 'n' -> '\n';
            case 't' -> '\t';
            case 'r' -> '\r';
            default ->
                throw new Extractors.ExtractorException(
                    "Invalid escape sequence \\'" + e + "' is not valid.");
          });
    }
    return out.toString();
  }
}
