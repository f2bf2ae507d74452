package io.quiver.script;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replacing and splitting as Rust's {@code regex} crate does them, on a Java pattern: for {@code
 * re::replace}, {@code re::replace_all} and {@code re::split}.
 */
final class RustRegex {
  private RustRegex() {}

  /**
   * {@code Regex::replace} ({@code all} false) or {@code Regex::replace_all}; {@code re} maps
   * Tremor's group names to the Java pattern's.
   */
  static String replace(Extractors.Regex re, String input, String replacement, boolean all) {
    Matcher m = re.pattern().matcher(input);
    return all
        ? m.replaceAll(r -> Matcher.quoteReplacement(expand(r, re.names(), replacement)))
        : m.replaceFirst(r -> Matcher.quoteReplacement(expand(r, re.names(), replacement)));
  }

  /**
   * The replacement text for one match: {@code $$} is a dollar, {@code $name} (the longest run of
   * letters, digits and {@code _}) and {@code ${name}} a group by number or name (empty when there
   * is no such group or it did not take part); any other {@code $} stays as it is.
   */
  static String expand(MatchResult match, List<String> names, String replacement) {
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < replacement.length()) {
      char c = replacement.charAt(i);
      if (c != '$') {
        out.append(c);
        i++;
        continue;
      }
      if (i + 1 < replacement.length() && replacement.charAt(i + 1) == '$') {
        out.append('$');
        i += 2;
        continue;
      }
      String name;
      int end;
      if (i + 1 < replacement.length() && replacement.charAt(i + 1) == '{') {
        int close = replacement.indexOf('}', i + 2);
        if (close < 0) {
          out.append('$');
          i++;
          continue;
        }
        name = replacement.substring(i + 2, close);
        end = close + 1;
      } else {
        end = i + 1;
        while (end < replacement.length() && nameChar(replacement.charAt(end))) {
          end++;
        }
        name = replacement.substring(i + 1, end);
      }
      if (name.isEmpty()) {
        out.append('$');
        i++;
        continue;
      }
      String group = group(match, names, name);
      out.append(group == null ? "" : group);
      i = end;
    }
    return out.toString();
  }

  private static boolean nameChar(char c) {
    return c == '_' || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  private static String group(MatchResult match, List<String> names, String name) {
    try {
      if (name.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
        int n = Integer.parseInt(name);
        return n <= match.groupCount() ? match.group(n) : null;
      }
      int index = names.indexOf(name);
      return index < 0 ? null : match.group("g" + index);
    } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
      return null;
    }
  }

  /** {@code Regex::split}: the text between matches, first and last piece included. */
  static List<String> split(Pattern pattern, String input) {
    List<String> parts = new ArrayList<>();
    Matcher m = pattern.matcher(input);
    int last = 0;
    while (m.find()) {
      parts.add(input.substring(last, m.start()));
      last = m.end();
    }
    parts.add(input.substring(last));
    return parts;
  }
}
