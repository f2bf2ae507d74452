package io.quiver.server.logging;

import java.util.ArrayList;
import java.util.List;

/**
 * Translates a log4rs pattern ({@code {d} {l} {t} - {m}{n}}) into a logback layout pattern. Every
 * log4rs formatter that logback can express is translated (see {@link #formatter}); the others are
 * refused with an {@link IllegalArgumentException} naming them.
 */
final class Log4rsPattern {
  /** log4rs's {@code {d}} without a format: ISO 8601 with the local offset. */
  static final String DEFAULT_DATE = "yyyy-MM-dd'T'HH:mm:ss.SSSSSSxxx";

  private final String text;
  private int pos;

  private Log4rsPattern(String text) {
    this.text = text;
  }

  /** The logback pattern for log4rs pattern {@code pattern}. */
  static String translate(String pattern) {
    Log4rsPattern p = new Log4rsPattern(pattern);
    String out = p.sequence(false);
    if (p.pos < pattern.length()) {
      throw new IllegalArgumentException("unbalanced `)` at position " + p.pos);
    }
    return out;
  }

  /** Literal text and formatters up to the end, or up to a {@code )} when {@code nested}. */
  private String sequence(boolean nested) {
    StringBuilder out = new StringBuilder();
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (c == '{' && peek(1) == '{') {
        out.append('{');
        pos += 2;
      } else if (c == '}' && peek(1) == '}') {
        out.append('}');
        pos += 2;
      } else if (c == '{') {
        pos++;
        out.append(formatter());
      } else if (c == ')' && nested) {
        break;
      } else if (c == '}') {
        throw new IllegalArgumentException("unbalanced `}` at position " + pos);
      } else {
        out.append(literal(String.valueOf(c)));
        pos++;
      }
    }
    return out.toString();
  }

  /** After a {@code {}: {@code name(arg)...[:spec]}}. */
  private String formatter() {
    int start = pos;
    while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || peek(0) == '_')) {
      pos++;
    }
    String name = text.substring(start, pos);
    List<String> raw = new ArrayList<>();
    List<String> args = new ArrayList<>();
    while (peek(0) == '(') {
      pos++;
      int argStart = pos;
      args.add(sequence(true));
      raw.add(text.substring(argStart, pos));
      expect(')');
    }
    String spec = "";
    if (peek(0) == ':') {
      int specStart = ++pos;
      while (pos < text.length() && text.charAt(pos) != '}') {
        pos++;
      }
      spec = modifier(text.substring(specStart, pos));
    }
    expect('}');
    return switch (name) {
      case "d", "date" -> "%" + spec + date(raw);
      case "l", "level" -> "%" + spec + "level";
      case "m", "message" -> "%" + spec + "msg";
      case "n" -> "%n";
      case "t", "target", "M", "module" -> "%" + spec + "logger";
      case "f", "file" -> "%" + spec + "file";
      case "L", "line" -> "%" + spec + "line";
      case "T", "thread", "I", "thread_id" -> "%" + spec + "thread";
      case "P", "pid" -> literal(Long.toString(ProcessHandle.current().pid()));
      case "h", "highlight" -> "%" + spec + "highlight(" + only(args, name) + ")";
      case "X", "mdc" -> "%" + spec + mdc(raw);
      case "D", "debug" -> ""; // shown in debug builds only; Tremor ships release builds
      case "R", "release" -> group(spec, only(args, name));
      case "" -> group(spec, only(args, "(...)"));
      default ->
          throw new IllegalArgumentException(
              "the formatter {"
                  + name
                  + "} is not supported; supported: d, l, m, n, t, M, f, L, T, I, P, h, X, D, R");
    };
  }

  private static String group(String spec, String content) {
    return spec.isEmpty() ? content : "%" + spec + "(" + content + ")";
  }

  private static String only(List<String> args, String name) {
    if (args.size() != 1) {
      throw new IllegalArgumentException("{" + name + "} takes one argument");
    }
    return args.get(0);
  }

  private static String date(List<String> raw) {
    String format = raw.isEmpty() ? null : Strftime.toJava(raw.get(0));
    String zone = raw.size() > 1 ? raw.get(1).trim() : "local";
    if (raw.size() > 2 || !(zone.equals("utc") || zone.equals("local"))) {
      throw new IllegalArgumentException("{d} takes a format and then utc or local");
    }
    return "d{\""
        + (format == null ? DEFAULT_DATE : format)
        + "\""
        + (zone.equals("utc") ? ", UTC" : "")
        + "}";
  }

  private static String mdc(List<String> raw) {
    if (raw.isEmpty() || raw.size() > 2) {
      throw new IllegalArgumentException("{X} takes a key and an optional default");
    }
    return "X{" + raw.get(0) + (raw.size() == 2 ? ":-" + raw.get(1) : "") + "}";
  }

  /** log4rs {@code [fill][<|>][width][.max]} as logback's {@code [-][width][.-max]} (after %). */
  private static String modifier(String spec) {
    String s = spec;
    boolean left = true;
    if (s.length() >= 2 && (s.charAt(1) == '<' || s.charAt(1) == '>')) {
      if (s.charAt(0) != ' ') {
        throw new IllegalArgumentException("fill characters other than a space are not supported");
      }
      s = s.substring(1);
    }
    if (s.startsWith("<") || s.startsWith(">")) {
      left = s.charAt(0) == '<';
      s = s.substring(1);
    }
    if (!s.matches("\\d*(\\.\\d+)?")) {
      throw new IllegalArgumentException("the format `:" + spec + "` is not supported");
    }
    if (s.isEmpty()) {
      return "";
    }
    int dot = s.indexOf('.');
    String width = dot < 0 ? s : s.substring(0, dot);
    String max = dot < 0 ? "" : ".-" + s.substring(dot + 1);
    return (left && !width.isEmpty() ? "-" : "") + width + max;
  }

  private static String literal(String s) {
    StringBuilder out = new StringBuilder();
    for (char c : s.toCharArray()) {
      if (c == '%' || c == '(' || c == ')' || c == '\\') {
        out.append('\\');
      }
      out.append(c);
    }
    return out.toString();
  }

  private char peek(int ahead) {
    int i = pos + ahead;
    return i < text.length() ? text.charAt(i) : '\0';
  }

  private void expect(char c) {
    if (peek(0) != c) {
      throw new IllegalArgumentException("expected `" + c + "` at position " + pos);
    }
    pos++;
  }
}
