package io.quiver.script;

import io.quiver.value.RustNumbers;
import io.quiver.value.Value;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code dissect} extractor as Tremor 0.11 runs it (its {@code dissect} crate 0.2): a rule of
 * literal delimiters and {@code %{...}} fields, matched left to right without backtracking.
 *
 * <ul>
 *   <li>{@code %{name}} takes the text up to the next delimiter (all of it when last); {@code
 *       %{name:int}}, {@code :float} and {@code :string} convert it (a failed conversion is no
 *       match).
 *   <li>{@code %{?name}} skips the text but remembers it; {@code %{&name}} stores its text under
 *       the remembered text as key.
 *   <li>{@code %{+name}} appends to an earlier {@code name}, joined by the last padding seen (a
 *       space before any).
 *   <li>{@code %{_}} / {@code %{_(chars)}} skips any number of repeats of a space / {@code chars}
 *       and makes them the join of later appends.
 *   <li>{@code %{}} skips text.
 * </ul>
 *
 * <p>Two fields must be separated by a delimiter; an error names the byte offset of the field at
 * fault, with the crate's wording (typos included, as Tremor prints them).
 */
final class DissectPattern {
  private sealed interface Command permits Delimiter, Field, Padding {}

  private record Delimiter(String text) implements Command {}

  private record Padding(String text) implements Command {}

  private enum Conversion {
    STRING,
    INT,
    FLOAT
  }

  private record Field(
      String name, boolean skip, boolean lookup, boolean append, Conversion conversion)
      implements Command {}

  private final List<Command> commands;

  private DissectPattern(List<Command> commands) {
    this.commands = List.copyOf(commands);
  }

  /** Compiles a rule; the message of the exception is the crate's. */
  static DissectPattern compile(String rule) throws Extractors.ExtractorException {
    List<Command> commands = new ArrayList<>();
    String rest = rule;
    int offset = 0;
    boolean lastWasField = false;
    while (!rest.isEmpty()) {
      if (rest.startsWith("%{")) {
        int close = rest.indexOf('}');
        int nextOpen = rest.indexOf("%{", 2);
        if (close < 0 || (nextOpen >= 0 && nextOpen < close)) {
          throw new Extractors.ExtractorException("Unterminated patter at " + offset);
        }
        Command command = field(rest.substring(2, close), offset);
        int consumed = utf8Length(rest.substring(0, close + 1));
        rest = rest.substring(close + 1);
        if (command instanceof Padding pad) {
          if (rest.startsWith(pad.text())) {
            throw new Extractors.ExtractorException(
                "The padding at "
                    + offset
                    + " can't be followed up by a dilimiter that begins with it");
          }
          lastWasField = false;
        } else {
          if (lastWasField) {
            throw new Extractors.ExtractorException(
                "A dilimiter needs to be provided between the two patterns at " + offset);
          }
          lastWasField = true;
        }
        commands.add(command);
        offset += consumed;
      } else {
        lastWasField = false;
        int open = rest.indexOf("%{");
        String literal = open < 0 ? rest : rest.substring(0, open);
        commands.add(new Delimiter(unescape(literal)));
        if (open < 0) {
          break;
        }
        offset += utf8Length(literal);
        rest = rest.substring(open);
      }
    }
    return new DissectPattern(commands);
  }

  private static int utf8Length(String s) {
    return s.getBytes(StandardCharsets.UTF_8).length;
  }

  private static Command field(String body, int offset) throws Extractors.ExtractorException {
    if (body.isEmpty()) {
      return new Field("", true, false, false, Conversion.STRING);
    }
    char kind = body.charAt(0);
    switch (kind) {
      case '?':
        return new Field(body.substring(1), true, false, false, Conversion.STRING);
      case '+':
        return new Field(body.substring(1), false, false, true, Conversion.STRING);
      case '&':
        return typed(body.substring(1), true, offset);
      case '_':
        if (body.length() == 1) {
          return new Padding(" ");
        }
        String pad = body.substring(1);
        if (pad.length() >= 2 && pad.startsWith("(") && pad.endsWith(")")) {
          return new Padding(pad.substring(1, pad.length() - 1));
        }
        throw new Extractors.ExtractorException("Invalid padding at " + offset);
      default:
        return typed(body, false, offset);
    }
  }

  private static Field typed(String body, boolean lookup, int offset)
      throws Extractors.ExtractorException {
    int colon = body.indexOf(':');
    if (colon < 0) {
      return new Field(body, false, lookup, false, Conversion.STRING);
    }
    String type = body.substring(colon + 1);
    Conversion conversion =
        switch (type) {
          case "int" -> Conversion.INT;
          case "float" -> Conversion.FLOAT;
          case "string" -> Conversion.STRING;
          // the crate prints the offset in quotes and the type after "at"
          default ->
              throw new Extractors.ExtractorException("Invalid type '" + offset + "' at " + type);
        };
    return new Field(body.substring(0, colon), false, lookup, false, conversion);
  }

  /** Delimiters know {@code \\}, {@code \n}, {@code \t} and {@code \r}. */
  private static String unescape(String literal) throws Extractors.ExtractorException {
    StringBuilder out = new StringBuilder(literal.length());
    for (int i = 0; i < literal.length(); i++) {
      char c = literal.charAt(i);
      if (c != '\\') {
        out.append(c);
        continue;
      }
      if (i + 1 >= literal.length()) {
        throw new Extractors.ExtractorException(
            "Unterminated escape at the end of line or of a" + " delimiter %{ can't be escaped");
      }
      char next = literal.charAt(++i);
      switch (next) {
        case '\\' -> out.append('\\');
        case 'n' -> out.append('\n');
        case 't' -> out.append('\t');
        case 'r' -> out.append('\r');
        default ->
            throw new Extractors.ExtractorException(
                "Invalid escape sequence \\'" + next + "' is not valid.");
      }
    }
    return out.toString();
  }

  /** The record of fields, or null when the text does not match. */
  Value run(String text) {
    LinkedHashMap<String, Value> out = new LinkedHashMap<>();
    Map<String, String> skipped = new HashMap<>();
    String join = " ";
    String data = text;
    for (int t = 0; ; t++) {
      if (t >= commands.size()) {
        return data.isEmpty() ? Value.obj(out) : null;
      }
      switch (commands.get(t)) {
        case Delimiter d -> {
          if (!data.startsWith(d.text())) {
            return null;
          }
          data = data.substring(d.text().length());
        }
        case Padding p -> {
          join = p.text();
          data = trimRepeats(data, p.text());
        }
        case Field f -> {
          String name = f.name();
          if (f.lookup()) {
            String key = skipped.remove(name);
            if (key == null || key.isEmpty()) {
              return null;
            }
            name = key;
          }
          Command next = t + 1 < commands.size() ? commands.get(t + 1) : null;
          int end;
          if (next == null) {
            return store(out, skipped, f, name, data, join) ? Value.obj(out) : null;
          } else if (next instanceof Padding p) {
            end = data.indexOf(p.text());
            if (end < 0) {
              // padding that is not there: the field ends at the delimiter after it, or the end
              Command after = t + 2 < commands.size() ? commands.get(t + 2) : null;
              end = after == null ? data.length() : delimiterIn(after, data);
            }
          } else {
            end = delimiterIn(next, data);
          }
          if (end < 0) {
            return null;
          }
          if (!store(out, skipped, f, name, data.substring(0, end), join)) {
            return null;
          }
          data = data.substring(end);
        }
      }
    }
  }

  /** Where delimiter {@code c} first occurs in {@code data}; -1 if not there or not a delimiter. */
  private static int delimiterIn(Command c, String data) {
    return c instanceof Delimiter d ? data.indexOf(d.text()) : -1;
  }

  private static String trimRepeats(String data, String pad) {
    if (pad.isEmpty()) {
      return data;
    }
    int at = 0;
    while (data.startsWith(pad, at)) {
      at += pad.length();
    }
    return data.substring(at);
  }

  /** Stores one field's text; false when a conversion fails (no match). */
  private static boolean store(
      LinkedHashMap<String, Value> out,
      Map<String, String> skipped,
      Field f,
      String name,
      String text,
      String join) {
    if (f.skip()) {
      skipped.put(name, text);
    } else if (f.append()) {
      Value earlier = out.remove(name);
      if (earlier == null) {
        out.put(name, Value.of(text));
      } else if (earlier instanceof Value.Str s) {
        out.put(name, Value.of(s.value() + join + text));
      }
      // an earlier non-string is dropped, as the crate does
    } else {
      switch (f.conversion()) {
        case STRING -> out.put(name, Value.of(text));
        case INT -> {
          try {
            out.put(name, Value.of(RustNumbers.parseI64(text)));
          } catch (RustNumbers.ParseException e) {
            return false;
          }
        }
        case FLOAT -> {
          try {
            out.put(name, Value.of(RustNumbers.parseF64(text, RustNumbers.FloatDialect.RUST_STD)));
          } catch (RustNumbers.ParseException e) {
            return false;
          }
        }
      }
    }
    return true;
  }
}
