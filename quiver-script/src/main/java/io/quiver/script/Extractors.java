package io.quiver.script;

import io.quiver.script.ast.Pattern;
import io.quiver.value.Json;
import io.quiver.value.Value;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.PatternSyntaxException;

/**
 * Tremor's tilde extractors ({@code re}, {@code rerg}, {@code glob}, {@code base64}, {@code json},
 * {@code kv}, {@code cidr}, {@code influx}, {@code datetime}, {@code dissect} ({@link
 * DissectPattern}), {@code grok} ({@link GrokPattern})). {@link #compile} checks a rule at compile
 * time; {@link #extract} returns the extracted value, {@code true} for a match without a value, or
 * null for no match. Only strings ever match.
 */
final class Extractors {
  private Extractors() {}

  static final class ExtractorException extends Exception {
    private static final long serialVersionUID = 1L;

    ExtractorException(String message) {
      super(message, null, false, false);
    }
  }

  /** A regex with Tremor's (Rust) named groups mapped to Java-legal group names. */
  record Regex(java.util.regex.Pattern pattern, List<String> names) {}

  record Glob(java.util.regex.Pattern pattern) {}

  record Cidr(List<long[]> ranges) {}

  record Datetime(String format) {}

  enum Simple {
    BASE64,
    JSON,
    INFLUX
  }

  static Object compile(String kind, String rule) throws ExtractorException {
    return switch (kind.toLowerCase(Locale.ROOT)) {
      case "re", "rerg" -> regex(rule);
      case "glob" ->
          new Glob(
              java.util.regex.Pattern.compile(globToRegex(rule), java.util.regex.Pattern.DOTALL));
      case "base64" -> Simple.BASE64;
      case "json" -> Simple.JSON;
      case "influx" -> Simple.INFLUX;
      case "kv" -> KvPattern.compile(rule);
      case "cidr" -> cidr(rule);
      case "dissect" -> DissectPattern.compile(rule);
      case "grok" -> GrokPattern.compile(rule);
      case "datetime" -> {
        try {
          Strftime.formatter(rule);
        } catch (Strftime.FormatException e) {
          throw new ExtractorException(e.getMessage());
        }
        yield new Datetime(rule);
      }
      default ->
          throw new ExtractorException("Unsupported extractor " + kind.toLowerCase(Locale.ROOT));
    };
  }

  static Value extract(Pattern.Extractor x, Value v, boolean collect) {
    if (!(v instanceof Value.Str str)) {
      return null;
    }
    String s = str.value();
    return switch (x.compiled()) {
      case Regex re when x.kind().equalsIgnoreCase("rerg") -> rerg(re, s);
      case Regex re -> {
        Matcher m = re.pattern().matcher(s);
        if (!m.find()) {
          yield null;
        }
        LinkedHashMap<String, Value> out = new LinkedHashMap<>();
        for (int i = 0; i < re.names().size(); i++) {
          String g = m.group("g" + i);
          if (g != null) {
            out.put(re.names().get(i), Value.of(g));
          }
        }
        yield Value.obj(out);
      }
      case Glob g -> g.pattern().matcher(s).matches() ? Value.TRUE : null;
      case Simple simple ->
          switch (simple) {
            case BASE64 -> {
              try {
                yield Value.of(new String(Base64.getDecoder().decode(s), StandardCharsets.UTF_8));
              } catch (IllegalArgumentException e) {
                yield null;
              }
            }
            case JSON -> {
              try {
                yield Json.parse(s);
              } catch (io.quiver.value.JsonException | RuntimeException e) {
                yield null;
              }
            }
            case INFLUX -> Influx.parse(s);
          };
      case KvPattern kv -> kv.run(s);
      case Cidr c -> cidrMatch(c, s);
      case DissectPattern d -> d.run(s);
      case GrokPattern g -> g.match(s);
      case Datetime dt -> {
        try {
          yield Value.of(Strftime.parse(s, dt.format()));
        } catch (Strftime.FormatException e) {
          yield null;
        }
      }
      default -> null;
    };
  }

  // ------------------------------------------------------------------ regex

  /**
   * Where a group's name starts when {@code ?P<name>} or {@code ?<name>} (not a lookbehind {@code
   * ?<=} or {@code ?<!}) stands at {@code at}, just after an opening parenthesis; -1 otherwise.
   */
  private static int groupNameAt(String rule, int at) {
    if (rule.startsWith("?P<", at)) {
      return at + 3;
    }
    if (rule.startsWith("?<", at)
        && at + 2 < rule.length()
        && rule.charAt(at + 2) != '='
        && rule.charAt(at + 2) != '!') {
      return at + 2;
    }
    return -1;
  }

  private static Regex regex(String rule) throws ExtractorException {
    List<String> names = new ArrayList<>();
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < rule.length(); i++) {
      char c = rule.charAt(i);
      if (c == '\\' && i + 1 < rule.length()) {
        out.append(c).append(rule.charAt(++i));
        continue;
      }
      int name = c == '(' ? groupNameAt(rule, i + 1) : -1;
      int close = name > 0 ? rule.indexOf('>', name) : -1;
      if (close > 0) {
        names.add(rule.substring(name, close));
        out.append("(?<g").append(names.size() - 1).append('>');
        i = close;
        continue;
      }
      out.append(c);
    }
    try {
      return new Regex(java.util.regex.Pattern.compile(out.toString()), List.copyOf(names));
    } catch (PatternSyntaxException e) {
      throw new ExtractorException(
          RustRegexSyntax.problem(rule).orElse("regex parse error: " + e.getDescription()));
    }
  }

  private static Value rerg(Regex re, String s) {
    Matcher m = re.pattern().matcher(s);
    LinkedHashMap<String, List<Value>> acc = new LinkedHashMap<>();
    boolean any = false;
    while (m.find()) {
      any = true;
      for (int i = 0; i < re.names().size(); i++) {
        String g = m.group("g" + i);
        if (g != null) {
          acc.computeIfAbsent(re.names().get(i), k -> new ArrayList<>()).add(Value.of(g));
        }
      }
    }
    if (!any) {
      return null;
    }
    LinkedHashMap<String, Value> out = new LinkedHashMap<>();
    acc.forEach((k, v) -> out.put(k, Value.array(v)));
    return Value.obj(out);
  }

  // ------------------------------------------------------------------- glob

  static String globToRegex(String glob) {
    StringBuilder re = new StringBuilder();
    for (int i = 0; i < glob.length(); i++) {
      char c = glob.charAt(i);
      switch (c) {
        case '*' -> re.append(".*");
        case '?' -> re.append('.');
        case '[' -> {
          int close = glob.indexOf(']', i + 2);
          if (close < 0) {
            re.append("\\[");
          } else {
            String body = glob.substring(i + 1, close);
            if (body.startsWith("!")) {
              body = "^" + body.substring(1);
            }
            re.append('[').append(body.replace("\\", "\\\\")).append(']');
            i = close;
          }
        }
        default -> re.append(java.util.regex.Pattern.quote(String.valueOf(c)));
      }
    }
    return re.toString();
  }

  // ------------------------------------------------------------------- cidr

  private static Cidr cidr(String rule) throws ExtractorException {
    List<long[]> ranges = new ArrayList<>();
    if (rule.isBlank()) {
      return new Cidr(ranges);
    }
    for (String part : rule.split(",")) {
      long[] r = parseCidr(part.trim());
      if (r == null) {
        throw new ExtractorException("Invalid CIDR: '" + part.trim() + "'");
      }
      ranges.add(r);
    }
    return new Cidr(ranges);
  }

  /** {address, prefix length} of an IPv4 {@code a.b.c.d[/n]}, or null. */
  private static long[] parseCidr(String s) {
    int slash = s.indexOf('/');
    String addr = slash < 0 ? s : s.substring(0, slash);
    int bits = 32;
    if (slash >= 0) {
      try {
        bits = Integer.parseInt(s.substring(slash + 1));
      } catch (NumberFormatException e) {
        return null;
      }
      if (bits < 0 || bits > 32) {
        return null;
      }
    }
    String[] octets = addr.split("\\.", -1);
    if (octets.length != 4) {
      return null;
    }
    long value = 0;
    for (String o : octets) {
      if (o.isEmpty() || o.length() > 3 || !o.chars().allMatch(Character::isDigit)) {
        return null;
      }
      int n = Integer.parseInt(o);
      if (n > 255) {
        return null;
      }
      value = (value << 8) | n;
    }
    return new long[] {value, bits};
  }

  private static Value cidrMatch(Cidr c, String s) {
    long[] parsed = parseCidr(s);
    if (parsed == null) {
      return null;
    }
    if (!c.ranges().isEmpty()) {
      boolean inside = false;
      for (long[] r : c.ranges()) {
        long mask = r[1] == 0 ? 0 : (0xFFFFFFFFL << (32 - r[1])) & 0xFFFFFFFFL;
        if ((parsed[0] & mask) == (r[0] & mask)) {
          inside = true;
          break;
        }
      }
      if (!inside) {
        return null;
      }
    }
    long mask = parsed[1] == 0 ? 0 : (0xFFFFFFFFL << (32 - parsed[1])) & 0xFFFFFFFFL;
    return Value.obj("prefix", octets(parsed[0]), "mask", octets(mask));
  }

  private static Value octets(long v) {
    return Value.array(
        Value.of((v >> 24) & 0xFF),
        Value.of((v >> 16) & 0xFF),
        Value.of((v >> 8) & 0xFF),
        Value.of(v & 0xFF));
  }
}
