package io.quiver.script;

import io.quiver.value.Value;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The {@code grok} extractor as Tremor 0.11 runs it (its {@code grok} crate 1.2, aliases only): a
 * rule whose {@code %{NAME}} references expand to named regular expressions (the built-in set in
 * {@code grok.patterns} beside this class, our own definitions of the usual logstash names), and
 * whose {@code %{NAME:alias}} references become the fields of the result. {@code %{NAME=regex}}
 * defines {@code NAME} on the spot. The expanded expression is searched anywhere in the text; every
 * alias is in the result, as a string ({@code ""} when its part did not take part).
 *
 * <p>Errors use the crate's wording, e.g. {@code The given pattern definition name "NOPE" could not
 * be found in the definition map}. Fields come out in the order of the rule (Tremor's order is that
 * of a hash map).
 */
final class GrokPattern {
  /** A reference: {@code %{NAME}}, {@code %{NAME:alias}} or {@code %{NAME:alias=definition}}. */
  private static final Pattern REFERENCE =
      Pattern.compile(
          "%\\{(?<name>(?<pattern>[A-z0-9]+)(?::(?<alias>[A-z0-9_:;/\\s.]+))?)"
              + "(?:=(?<definition>[^{}]+))?\\}");

  private static final int MAX_EXPANSIONS = 1024;
  private static final Map<String, String> BUILT_IN = load();

  private final Pattern regex;

  /** Field name to group name, in the order of the groups. */
  private final List<Map.Entry<String, String>> fields;

  private GrokPattern(Pattern regex, List<Map.Entry<String, String>> fields) {
    this.regex = regex;
    this.fields = fields;
  }

  /** Expands and compiles a rule; the exception's message is the crate's. */
  static GrokPattern compile(String rule) throws Extractors.ExtractorException {
    Map<String, String> definitions = new HashMap<>(BUILT_IN);
    Map<String, String> aliases = new HashMap<>();
    String expanded = rule;
    int index = 0;
    for (int round = 0; ; round++) {
      Matcher m = REFERENCE.matcher(expanded);
      if (!m.find()) {
        break;
      }
      if (round == MAX_EXPANSIONS) {
        throw new Extractors.ExtractorException(
            "Recursion while compiling reached the limit of " + MAX_EXPANSIONS);
      }
      String pattern = m.group("pattern");
      String name = m.group("name");
      String alias = m.group("alias");
      if (m.group("definition") != null) {
        definitions.put(pattern, m.group("definition"));
        name = name + "=" + m.group("definition");
      }
      String reference = "%{" + name + "}";
      int count = occurrences(expanded, reference);
      for (int k = 0; k < count; k++) {
        String definition = definitions.get(pattern);
        if (definition == null) {
          throw new Extractors.ExtractorException(
              "The given pattern definition name \""
                  + pattern
                  + "\" could not be found in the definition map");
        }
        String replacement;
        if (alias == null) {
          replacement = "(?:" + definition + ")";
        } else {
          aliases.put(alias, "name" + index);
          replacement = "(?<name" + index + ">" + definition + ")";
        }
        int at = expanded.indexOf(reference);
        expanded =
            expanded.substring(0, at) + replacement + expanded.substring(at + reference.length());
        index++;
      }
    }
    if (expanded.isEmpty()) {
      throw new Extractors.ExtractorException(
          "The given pattern \"" + rule + "\" ended up compiling into an empty regex");
    }
    Pattern regex;
    try {
      regex = Pattern.compile(inClassBackspace(expanded));
    } catch (PatternSyntaxException e) {
      throw new Extractors.ExtractorException(
          "The given regex \"" + expanded + "\" failed compilation in the underlying engine");
    }
    return new GrokPattern(regex, fields(regex, aliases));
  }

  /**
   * Each group of the expression under the alias that names it; a later use of an alias takes it
   * over, the earlier group keeps its own name (as the crate does).
   */
  private static List<Map.Entry<String, String>> fields(
      Pattern regex, Map<String, String> aliases) {
    Map<String, String> aliasOfGroup = new HashMap<>();
    aliases.forEach((alias, group) -> aliasOfGroup.put(group, alias));
    List<Map.Entry<String, Integer>> groups = new ArrayList<>(regex.namedGroups().entrySet());
    groups.sort(Comparator.comparing(Map.Entry::getValue));
    List<Map.Entry<String, String>> fields = new ArrayList<>();
    for (Map.Entry<String, Integer> group : groups) {
      fields.add(
          Map.entry(aliasOfGroup.getOrDefault(group.getKey(), group.getKey()), group.getKey()));
    }
    return List.copyOf(fields);
  }

  /**
   * The crate's engine (Oniguruma) reads {@code \\b} inside a character class as a backspace, where
   * Java refuses it; written as {@code \\x08} there (Tremor's {@code ls-apache} bench has such a
   * rule: {@code [%{HTTPDATE:timestamp}]} unescaped puts {@code \\b} of HTTPDATE in a class).
   */
  static String inClassBackspace(String regex) {
    StringBuilder out = new StringBuilder(regex.length());
    int depth = 0;
    for (int i = 0; i < regex.length(); i++) {
      char c = regex.charAt(i);
      if (c == '\\' && i + 1 < regex.length()) {
        char next = regex.charAt(++i);
        out.append(depth > 0 && next == 'b' ? "\\x08" : "\\" + next);
      } else if (c == '[') {
        depth++;
        out.append(c);
        int first = i + 1 < regex.length() && regex.charAt(i + 1) == '^' ? i + 2 : i + 1;
        if (first < regex.length() && regex.charAt(first) == ']') {
          out.append(regex, i + 1, first + 1); // a leading `]` is a literal
          i = first;
        }
      } else {
        if (c == ']' && depth > 0) {
          depth--;
        }
        out.append(c);
      }
    }
    return out.toString();
  }

  private static int occurrences(String text, String part) {
    int count = 0;
    for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + part.length())) {
      count++;
    }
    return count;
  }

  /** The record of fields, or null when the expression is nowhere in the text. */
  Value match(String text) {
    Matcher m = regex.matcher(text);
    if (!m.find()) {
      return null;
    }
    LinkedHashMap<String, Value> out = new LinkedHashMap<>();
    for (Map.Entry<String, String> field : fields) {
      String value = m.group(field.getValue());
      out.put(field.getKey(), Value.of(value == null ? "" : value));
    }
    return Value.obj(out);
  }

  /** The built-in definitions: {@code NAME definition} a line; {@code #} starts a comment. */
  private static Map<String, String> load() {
    Map<String, String> definitions = new HashMap<>();
    try (InputStream in = GrokPattern.class.getResourceAsStream("grok.patterns")) {
      if (in == null) {
        throw new IllegalStateException("grok.patterns missing beside GrokPattern");
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        int space = line.indexOf(' ');
        definitions.put(line.substring(0, space), line.substring(space + 1));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Map.copyOf(definitions);
  }
}
