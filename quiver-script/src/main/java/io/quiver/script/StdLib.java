package io.quiver.script;

import io.quiver.script.FunctionRegistry.Builder;
import io.quiver.script.FunctionRegistry.Function;
import io.quiver.script.FunctionRegistry.FunctionException;
import io.quiver.value.Json;
import io.quiver.value.JsonException;
import io.quiver.value.RustNumbers;
import io.quiver.value.Value;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;

/**
 * The data-shaping part of Tremor's std library: array, record, string, type, math, integer, float,
 * range, binary, base64, json, url and re, with Tremor's error texts.
 */
final class StdLib {
  private StdLib() {}

  static void register(Builder b) {
    array(b);
    record(b);
    string(b);
    numbers(b);
    codecs(b);
    regex(b);
    datetime(b);
  }

  // --------------------------------------------------------------- datetime

  private static void datetime(Builder b) {
    b.add(
        "datetime",
        "parse",
        2,
        a -> {
          try {
            return Value.of(Strftime.parse(str(a, 0), str(a, 1)));
          } catch (Strftime.FormatException e) {
            throw runtime("Cannot Parse " + e.getMessage() + " to valid timestamp");
          }
        });
    b.add(
        "datetime",
        "format",
        2,
        a -> {
          if (!(a.get(0) instanceof Value.Int ns) || ns.value() < 0) {
            throw FunctionException.wrongType();
          }
          try {
            return Value.of(Strftime.format(ns.value(), str(a, 1)));
          } catch (Strftime.FormatException e) {
            throw runtime(e.getMessage());
          }
        });
    b.add(
        "datetime",
        "iso8601",
        1,
        a -> {
          if (!(a.get(0) instanceof Value.Int ns) || ns.value() < 0) {
            throw FunctionException.wrongType();
          }
          try {
            return Value.of(Strftime.format(ns.value(), "%Y-%m-%dT%H:%M:%S%.9f+00:00"));
          } catch (Strftime.FormatException e) {
            throw runtime(e.getMessage());
          }
        });
    String[] parts = {
      "second",
      "minute",
      "hour",
      "day",
      "month",
      "year",
      "millisecond",
      "microsecond",
      "nanosecond",
      "subsecond"
    };
    for (String part : parts) {
      b.add(
          "datetime",
          part,
          1,
          a -> {
            if (!(a.get(0) instanceof Value.Int ns) || ns.value() < 0) {
              throw FunctionException.wrongType();
            }
            java.time.OffsetDateTime t =
                java.time.Instant.ofEpochSecond(
                        ns.value() / 1_000_000_000L, ns.value() % 1_000_000_000L)
                    .atOffset(java.time.ZoneOffset.UTC);
            return Value.of(
                switch (part) {
                  case "second" -> t.getSecond();
                  case "minute" -> t.getMinute();
                  case "hour" -> t.getHour();
                  case "day" -> t.getDayOfMonth();
                  case "month" -> t.getMonthValue();
                  case "year" -> t.getYear();
                  case "millisecond" -> t.getNano() / 1_000_000;
                  case "microsecond" -> t.getNano() / 1_000 % 1_000;
                  case "nanosecond" -> t.getNano() % 1_000;
                  default -> t.getNano();
                });
          });
    }
    String[] names = {
      "with_nanoseconds",
      "with_microseconds",
      "with_milliseconds",
      "with_seconds",
      "with_minutes",
      "with_hours",
      "with_days",
      "with_weeks",
      "with_years"
    };
    for (String name : names) {
      String unit = name.substring("with_".length());
      b.add(
          "datetime",
          name,
          1,
          a -> {
            if (!(a.get(0) instanceof Value.Int n) || n.value() < 0 || n.value() > 0xFFFFFFFFL) {
              throw FunctionException.wrongType();
            }
            return Value.of(Durations.of(unit, n.value()));
          });
    }
    b.add(
        "datetime",
        "from_human_format",
        1,
        a -> {
          String human = str(a, 0);
          long ns = Durations.fromHuman(human);
          if (ns <= 0) {
            throw runtime("The human format " + human + " is invalid");
          }
          return Value.of(ns);
        });
    b.add(
        "datetime",
        "today",
        0,
        a ->
            Value.of(
                java.time.LocalDate.now(java.time.ZoneOffset.UTC).toEpochDay()
                    * 86_400_000_000_000L));
    b.add("datetime", "to_nearest_millisecond", 1, a -> Value.of(roundSubsecond(a, 1_000_000L)));
    b.add("datetime", "to_nearest_microsecond", 1, a -> Value.of(roundSubsecond(a, 1_000L)));
    b.add(
        "datetime",
        "to_nearest_second",
        1,
        a -> {
          long ns = timestamp(a);
          long subsecond = ns % 1_000_000_000L;
          return Value.of(
              subsecond < 500_000_000L ? ns - subsecond : ns - subsecond + 1_000_000_000L);
        });
    b.add(
        "datetime",
        "without_subseconds",
        1,
        a -> {
          if (!(a.get(0) instanceof Value.Int ns) || ns.value() < 0) {
            throw FunctionException.wrongType();
          }
          return Value.of(ns.value() / 1_000_000_000L);
        });
  }

  private static long timestamp(List<Value> a) throws FunctionException {
    if (!(a.get(0) instanceof Value.Int ns) || ns.value() < 0) {
      throw FunctionException.wrongType();
    }
    return ns.value();
  }

  /**
   * The timestamp with its sub-second part rounded to a multiple of {@code span} (a tie rounds up).
   * As in Tremor, a sub-second part that rounds up to a whole second becomes 0 within the same
   * second.
   */
  private static long roundSubsecond(List<Value> a, long span) throws FunctionException {
    long ns = timestamp(a);
    long subsecond = ns % 1_000_000_000L;
    long down = subsecond % span;
    long rounded =
        down == 0 ? subsecond : span - down <= down ? subsecond + span - down : subsecond - down;
    return ns - subsecond + rounded % 1_000_000_000L;
  }

  // ---------------------------------------------------------------- helpers

  static String str(List<Value> args, int i) throws FunctionException {
    if (args.get(i) instanceof Value.Str s) {
      return s.value();
    }
    throw FunctionException.wrongType();
  }

  static Value.Arr arr(List<Value> args, int i) throws FunctionException {
    if (args.get(i) instanceof Value.Arr a) {
      return a;
    }
    throw FunctionException.wrongType();
  }

  static Value.Obj obj(List<Value> args, int i) throws FunctionException {
    if (args.get(i) instanceof Value.Obj o) {
      return o;
    }
    throw FunctionException.wrongType();
  }

  static byte[] bytes(List<Value> args, int i) throws FunctionException {
    if (args.get(i) instanceof Value.Bytes bs) {
      return bs.value();
    }
    throw FunctionException.wrongType();
  }

  static FunctionException runtime(String message) {
    return new FunctionException(message, false);
  }

  /** A value as Tremor's {@code to_string} shows it: strings raw, everything else as JSON. */
  static String display(Value v) {
    return v instanceof Value.Str s ? s.value() : ValueOps.encode(v);
  }

  private static Value strings(List<String> parts) {
    List<Value> out = new ArrayList<>(parts.size());
    for (String p : parts) {
      out.add(Value.of(p));
    }
    return Value.array(out);
  }

  // ------------------------------------------------------------------ array

  private static void array(Builder b) {
    b.add("array", "len", 1, a -> Value.of(arr(a, 0).size()));
    b.add("array", "is_empty", 1, a -> Value.of(arr(a, 0).size() == 0));
    b.add(
        "array",
        "contains",
        2,
        a -> Value.of(arr(a, 0).items().stream().anyMatch(v -> ValueOps.equal(v, a.get(1)))));
    b.add(
        "array",
        "push",
        2,
        a -> {
          List<Value> items = new ArrayList<>(arr(a, 0).items());
          items.add(a.get(1));
          return Value.array(items);
        });
    b.add(
        "array",
        "unzip",
        1,
        a -> {
          List<Value> left = new ArrayList<>();
          List<Value> right = new ArrayList<>();
          for (Value v : arr(a, 0).items()) {
            if (!(v instanceof Value.Arr pair)) {
              throw runtime(
                  "Only arrays that consist of tuples (arrays of two elements) can be"
                      + " unzipped but this array contained: "
                      + RustText.debug(v));
            }
            if (pair.size() != 2) {
              throw runtime(
                  "Only arrays that consist of tuples (arrays of two elements) can be"
                      + " unzipped but this array contained "
                      + pair.size()
                      + " elements");
            }
            left.add(pair.get(0));
            right.add(pair.get(1));
          }
          return Value.array(Value.array(left), Value.array(right));
        });
    b.add(
        "array",
        "zip",
        2,
        a -> {
          Value.Arr l = arr(a, 0);
          Value.Arr r = arr(a, 1);
          if (l.size() != r.size()) {
            throw runtime(
                "Zipping two arrays requires them to have the same length, but the first"
                    + " array provided has "
                    + l.size()
                    + " elements while the second one has "
                    + r.size()
                    + " elements");
          }
          List<Value> out = new ArrayList<>(l.size());
          for (int i = 0; i < l.size(); i++) {
            out.add(Value.array(l.get(i), r.get(i)));
          }
          return Value.array(out);
        });
    b.add(
        "array",
        "flatten",
        1,
        a -> {
          List<Value> out = new ArrayList<>();
          flatten(a.get(0), out);
          return Value.array(out);
        });
    b.add(
        "array",
        "join",
        2,
        a -> {
          List<String> parts = new ArrayList<>();
          for (Value v : arr(a, 0).items()) {
            parts.add(RustText.display(v));
          }
          return Value.of(String.join(str(a, 1), parts));
        });
    b.add(
        "array",
        "coalesce",
        1,
        a ->
            Value.array(
                arr(a, 0).items().stream().filter(v -> !(v instanceof Value.Null)).toList()));
  }

  private static void flatten(Value v, List<Value> out) {
    if (v instanceof Value.Arr a) {
      for (Value item : a.items()) {
        flatten(item, out);
      }
    } else {
      out.add(v);
    }
  }

  // ----------------------------------------------------------------- record

  private static void record(Builder b) {
    b.add("record", "len", 1, a -> Value.of(obj(a, 0).size()));
    b.add("record", "is_empty", 1, a -> Value.of(obj(a, 0).size() == 0));
    b.add("record", "contains", 2, a -> Value.of(obj(a, 0).get(str(a, 1)) != null));
    b.add("record", "keys", 1, a -> strings(List.copyOf(obj(a, 0).fields().keySet())));
    b.add("record", "values", 1, a -> Value.array(List.copyOf(obj(a, 0).fields().values())));
    b.add(
        "record",
        "to_array",
        1,
        a -> {
          List<Value> out = new ArrayList<>();
          obj(a, 0).fields().forEach((k, v) -> out.add(Value.array(Value.of(k), v)));
          return Value.array(out);
        });
    b.add(
        "record",
        "from_array",
        1,
        a -> {
          LinkedHashMap<String, Value> out = new LinkedHashMap<>();
          for (Value v : arr(a, 0).items()) {
            if (!(v instanceof Value.Arr pair)) {
              throw runtime(
                  "Onlay arrays that consist of tuples (arrays of two elements) can be"
                      + " turned into records but this array contained: "
                      + RustText.debug(v));
            }
            if (pair.size() != 2) {
              throw runtime(
                  "Onlay arrays that consist of tuples (arrays of two elements) can be"
                      + " trurned into an record this array contained "
                      + pair.size()
                      + " elements");
            }
            if (!(pair.get(0) instanceof Value.Str key)) {
              // Tremor prints the tuple after taking both elements out of it
              throw runtime("The first element of the tuple needs to be a string: []");
            }
            out.put(key.value(), pair.get(1));
          }
          return Value.obj(out);
        });
    b.add(
        "record",
        "select",
        2,
        a -> {
          Value.Obj o = obj(a, 0);
          List<String> keys = new ArrayList<>();
          for (Value k : arr(a, 1).items()) {
            if (k instanceof Value.Str s) {
              keys.add(s.value());
            }
          }
          LinkedHashMap<String, Value> out = new LinkedHashMap<>();
          o.fields()
              .forEach(
                  (k, v) -> {
                    if (keys.contains(k)) {
                      out.put(k, v);
                    }
                  });
          return Value.obj(out);
        });
    b.add(
        "record",
        "merge",
        2,
        a -> {
          LinkedHashMap<String, Value> out = new LinkedHashMap<>(obj(a, 0).fields());
          out.putAll(obj(a, 1).fields());
          return Value.obj(out);
        });
    b.add(
        "record",
        "rename",
        2,
        a -> {
          Value.Obj renames = obj(a, 1);
          LinkedHashMap<String, Value> out = new LinkedHashMap<>();
          obj(a, 0)
              .fields()
              .forEach(
                  (k, v) -> {
                    Value to = renames.get(k);
                    out.put(to instanceof Value.Str s ? s.value() : k, v);
                  });
          return Value.obj(out);
        });
  }

  // ----------------------------------------------------------------- string

  private static void string(Builder b) {
    b.add("string", "len", 1, a -> Value.of(str(a, 0).codePointCount(0, str(a, 0).length())));
    b.add("string", "bytes", 1, a -> Value.of(str(a, 0).getBytes(StandardCharsets.UTF_8).length));
    b.add("string", "is_empty", 1, a -> Value.of(str(a, 0).isEmpty()));
    b.add("string", "uppercase", 1, a -> Value.of(str(a, 0).toUpperCase(Locale.ROOT)));
    b.add("string", "lowercase", 1, a -> Value.of(str(a, 0).toLowerCase(Locale.ROOT)));
    b.add("string", "trim", 1, a -> Value.of(RustText.trim(str(a, 0), true, true)));
    b.add("string", "trim_start", 1, a -> Value.of(RustText.trim(str(a, 0), true, false)));
    b.add("string", "trim_end", 1, a -> Value.of(RustText.trim(str(a, 0), false, true)));
    b.add("string", "contains", 2, a -> Value.of(str(a, 0).contains(str(a, 1))));
    b.add("string", "replace", 3, a -> Value.of(str(a, 0).replace(str(a, 1), str(a, 2))));
    b.add(
        "string",
        "capitalize",
        1,
        a -> {
          String s = str(a, 0);
          if (s.isEmpty()) {
            return Value.of(s);
          }
          int first = s.codePointAt(0);
          int n = Character.charCount(first);
          return Value.of(
              new String(Character.toChars(first)).toUpperCase(Locale.ROOT) + s.substring(n));
        });
    b.add(
        "string",
        "split",
        2,
        a -> {
          String s = str(a, 0);
          String sep = str(a, 1);
          if (sep.isEmpty()) {
            List<String> parts = new ArrayList<>();
            parts.add("");
            s.codePoints().forEach(cp -> parts.add(new String(Character.toChars(cp))));
            parts.add("");
            return strings(parts);
          }
          List<Value> out = new ArrayList<>();
          int from = 0;
          int at;
          // a one-character separator (the usual case) takes the faster char search
          char single = sep.length() == 1 ? sep.charAt(0) : 0;
          while ((at = single != 0 ? s.indexOf(single, from) : s.indexOf(sep, from)) >= 0) {
            out.add(Value.of(s.substring(from, at)));
            from = at + sep.length();
          }
          out.add(Value.of(s.substring(from)));
          return new Value.Arr(out);
        });
    b.add(
        "string",
        "substr",
        3,
        a -> {
          if (!(a.get(0) instanceof Value.Str s)
              || !(a.get(1) instanceof Value.Int from)
              || !(a.get(2) instanceof Value.Int to)
              || from.value() < 0
              || to.value() < 0) {
            throw FunctionException.wrongType();
          }
          String in = s.value();
          int cps = in.codePointCount(0, in.length());
          int start = from.value() < cps ? in.offsetByCodePoints(0, (int) from.value()) : 0;
          int end = to.value() < cps ? in.offsetByCodePoints(0, (int) to.value()) : in.length();
          return Value.of(start <= end ? in.substring(start, end) : in);
        });
    b.add(
        "string",
        "from_utf8_lossy",
        1,
        a -> Value.of(new String(bytes(a, 0), StandardCharsets.UTF_8)));
    b.add("string", "into_binary", 1, a -> Value.of(str(a, 0).getBytes(StandardCharsets.UTF_8)));
    b.add(new Function("string", "format", 1, -1, StdLib::format));
  }

  private static Value format(List<Value> args) throws FunctionException {
    if (!(args.get(0) instanceof Value.Str fmt)) {
      throw runtime(
          "expected 1st parameter to format to be a format specifier e.g. to print a"
              + " number use `string::format(\"{}\", 1)`");
    }
    String format = fmt.value();
    StringBuilder out = new StringBuilder();
    int next = 1;
    int pos = 0;
    for (int i = 0; i < format.length(); i++, pos++) {
      char c = format.charAt(i);
      switch (c) {
        case '\\' -> {
          if (i + 1 >= format.length()) {
            throw runtime("bad escape sequence at " + pos);
          }
          char n = format.charAt(++i);
          pos++;
          if (n != '{' && n != '}') {
            out.append('\\');
          }
          out.append(n);
        }
        case '{' -> {
          char n = i + 1 < format.length() ? format.charAt(i + 1) : '\0';
          if (n == '}') {
            i++;
            pos++;
            if (next >= args.size()) {
              throw runtime(
                  "the arguments passed to the format function are less than the `{}`"
                      + " specifiers in the format string. The placeholder at "
                      + (pos - 1)
                      + " can not be filled");
            }
            out.append(display(args.get(next++)));
          } else if (n == '{') {
            i++;
            pos++;
            out.append('{');
          } else {
            throw runtime(
                "the format specifier at "
                    + pos
                    + " is invalid. If you want to use `{`"
                    + " as a literal in the string, you need to escape it with `{{`");
          }
        }
        case '}' -> {
          if (i + 1 < format.length() && format.charAt(i + 1) == '}') {
            i++;
            pos++;
            out.append('}');
          } else {
            throw runtime(
                "the format specifier at "
                    + pos
                    + " is invalid. You have to terminate"
                    + " `}` with another `}` to escape it");
          }
        }
        default -> out.append(c);
      }
    }
    if (next < args.size()) {
      throw runtime(
          "too many parameters passed. Ensure that you have the same number of {} in"
              + " your format string");
    }
    return Value.of(out.toString());
  }

  // ---------------------------------------------------------------- numbers

  private static void numbers(Builder b) {
    b.add("math", "max", 2, a -> minMax(a, true));
    b.add("math", "min", 2, a -> minMax(a, false));
    b.add("math", "floor", 1, a -> rounded(a, Math::floor));
    b.add("math", "ceil", 1, a -> rounded(a, Math::ceil));
    b.add("math", "round", 1, a -> rounded(a, RustNumbers::round));
    b.add("math", "trunc", 1, a -> rounded(a, d -> d < 0 ? Math.ceil(d) : Math.floor(d)));
    b.add(
        "integer",
        "parse",
        1,
        a -> {
          try {
            return Value.of(RustNumbers.parseI64(str(a, 0)));
          } catch (RustNumbers.ParseException e) {
            throw runtime(e.getMessage());
          }
        });
    b.add(
        "float",
        "parse",
        1,
        a -> {
          try {
            return Value.of(RustNumbers.parseF64(str(a, 0), RustNumbers.FloatDialect.RUST_STD));
          } catch (RustNumbers.ParseException e) {
            throw runtime(e.getMessage());
          }
        });
    b.add(
        "range",
        "range",
        2,
        a -> {
          if (!(a.get(0) instanceof Value.Int from) || !(a.get(1) instanceof Value.Int to)) {
            throw FunctionException.wrongType();
          }
          List<Value> out = new ArrayList<>();
          for (long i = from.value(); i < to.value(); i++) {
            out.add(Value.of(i));
          }
          return Value.array(out);
        });
  }

  private interface DoubleOp {
    double apply(double d);
  }

  private static Value rounded(List<Value> a, DoubleOp op) throws FunctionException {
    return switch (a.get(0)) {
      case Value.Int i -> i;
      case Value.Float f -> Value.of((long) op.apply(f.value()));
      default -> throw FunctionException.wrongType();
    };
  }

  private static Value minMax(List<Value> a, boolean max) throws FunctionException {
    Value l = a.get(0);
    Value r = a.get(1);
    if (l instanceof Value.Int li && r instanceof Value.Int ri) {
      return max ? (li.value() >= ri.value() ? li : ri) : (li.value() <= ri.value() ? li : ri);
    }
    if (ValueOps.isNumber(l) && ValueOps.isNumber(r)) {
      double ld = ValueOps.asDouble(l);
      double rd = ValueOps.asDouble(r);
      return Value.of(max ? (ld >= rd ? ld : rd) : (ld <= rd ? ld : rd));
    }
    throw FunctionException.wrongType();
  }

  // ----------------------------------------------------------------- codecs

  private static void codecs(Builder b) {
    b.add("binary", "len", 1, a -> Value.of(bytes(a, 0).length));
    b.add(
        "binary",
        "into_bytes",
        1,
        a -> {
          if (!(a.get(0) instanceof Value.Bytes bs)) {
            throw runtime("cannot convert a non-binary into an array of bytes");
          }
          List<Value> out = new ArrayList<>(bs.value().length);
          for (byte x : bs.value()) {
            out.add(Value.of(x & 0xFF));
          }
          return Value.array(out);
        });
    b.add(
        "binary",
        "from_bytes",
        1,
        a -> {
          Value.Arr in = arr(a, 0);
          byte[] out = new byte[in.size()];
          for (int i = 0; i < out.length; i++) {
            if (!(in.get(i) instanceof Value.Int n) || n.value() < 0 || n.value() > 255) {
              throw runtime("array contains non bytes");
            }
            out[i] = (byte) n.value();
          }
          return Value.of(out);
        });
    b.add("base64", "encode", 1, a -> Value.of(Base64.getEncoder().encodeToString(bytes(a, 0))));
    b.add(
        "base64",
        "decode",
        1,
        a -> {
          try {
            return Value.of(RustBase64.decode(str(a, 0).getBytes(StandardCharsets.UTF_8)));
          } catch (RustBase64.DecodeException e) {
            throw runtime(e.getMessage());
          }
        });
    b.add("json", "encode", 1, a -> Value.of(ValueOps.encode(a.get(0))));
    b.add("json", "encode_pretty", 1, a -> Value.of(pretty(a.get(0), 0)));
    b.add(
        "json",
        "decode",
        1,
        a -> {
          try {
            return Json.parse(str(a, 0));
          } catch (JsonException e) {
            throw runtime(e.getMessage());
          }
        });
    b.add("url", "encode", 1, a -> Value.of(urlEncode(str(a, 0))));
    b.add(
        "url",
        "decode",
        1,
        a -> {
          String s = str(a, 0);
          String decoded = RustText.percentDecode(s);
          if (decoded == null) {
            throw runtime("Could not urldecode value: " + s);
          }
          return Value.of(decoded);
        });
  }

  private static String urlEncode(String s) {
    StringBuilder out = new StringBuilder();
    for (byte x : s.getBytes(StandardCharsets.UTF_8)) {
      int c = x & 0xFF;
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
        out.append((char) c);
      } else {
        out.append('%').append(String.format("%02X", c));
      }
    }
    return out.toString();
  }

  /** JSON with two-space indentation (as serde's pretty printer). */
  static String pretty(Value v, int indent) {
    String pad = "  ".repeat(indent + 1);
    String end = "  ".repeat(indent);
    return switch (v) {
      case Value.Arr a when a.size() > 0 -> {
        StringBuilder out = new StringBuilder("[\n");
        for (int i = 0; i < a.size(); i++) {
          out.append(pad)
              .append(pretty(a.get(i), indent + 1))
              .append(i + 1 < a.size() ? ",\n" : "\n");
        }
        yield out.append(end).append(']').toString();
      }
      case Value.Obj o when o.size() > 0 -> {
        StringBuilder out = new StringBuilder("{\n");
        int i = 0;
        for (var e : o.fields().entrySet()) {
          out.append(pad)
              .append(ValueOps.encode(Value.of(e.getKey())))
              .append(": ")
              .append(pretty(e.getValue(), indent + 1))
              .append(++i < o.size() ? ",\n" : "\n");
        }
        yield out.append(end).append('}').toString();
      }
      default -> ValueOps.encode(v);
    };
  }

  // ------------------------------------------------------------------- re

  private static void regex(Builder b) {
    b.add("re", "is_match", 2, a -> Value.of(compile(str(a, 0)).matcher(str(a, 1)).find()));
    b.add(
        "re",
        "replace",
        3,
        a -> Value.of(RustRegex.replace(regex(str(a, 0)), str(a, 1), str(a, 2), false)));
    b.add(
        "re",
        "replace_all",
        3,
        a -> Value.of(RustRegex.replace(regex(str(a, 0)), str(a, 1), str(a, 2), true)));
    b.add("re", "split", 2, a -> strings(RustRegex.split(compile(str(a, 0)), str(a, 1))));
  }

  private static java.util.regex.Pattern compile(String re) throws FunctionException {
    return regex(re).pattern();
  }

  private static Extractors.Regex regex(String re) throws FunctionException {
    try {
      return (Extractors.Regex) Extractors.compile("re", re);
    } catch (Extractors.ExtractorException e) {
      throw runtime(e.getMessage());
    }
  }
}
