package io.quiver.server.testing;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a command line into words as the {@code shell_words} crate does (POSIX shell quoting, no
 * expansion, no pipes or redirects): whitespace separates words; single quotes keep everything;
 * double quotes keep everything but {@code \"}, {@code \\}, {@code \$}, {@code \`} and a
 * backslash-newline; outside quotes a backslash escapes the next character; {@code #} at the start
 * of a word begins a comment.
 */
final class ShellWords {
  private ShellWords() {}

  /** The words of {@code line}; an unterminated quote or escape is an error naming it. */
  static List<String> split(String line) {
    List<String> words = new ArrayList<>();
    StringBuilder word = null;
    int i = 0;
    int n = line.length();
    while (i < n) {
      char c = line.charAt(i++);
      if (word == null) {
        if (Character.isWhitespace(c)) {
          continue;
        }
        if (c == '#') {
          break;
        }
        word = new StringBuilder();
      }
      switch (c) {
        case '\'' -> {
          int end = line.indexOf('\'', i);
          if (end < 0) {
            throw new IllegalArgumentException("missing closing quote (') in `" + line + "`");
          }
          word.append(line, i, end);
          i = end + 1;
        }
        case '"' -> {
          boolean closed = false;
          while (i < n) {
            char d = line.charAt(i++);
            if (d == '"') {
              closed = true;
              break;
            }
            if (d == '\\' && i < n) {
              char e = line.charAt(i);
              if (e == '"' || e == '\\' || e == '$' || e == '`') {
                word.append(e);
                i++;
                continue;
              }
              if (e == '\n') {
                i++;
                continue;
              }
            }
            word.append(d);
          }
          if (!closed) {
            throw new IllegalArgumentException("missing closing quote (\") in `" + line + "`");
          }
        }
        case '\\' -> {
          if (i >= n) {
            throw new IllegalArgumentException("a trailing backslash in `" + line + "`");
          }
          char e = line.charAt(i++);
          if (e != '\n') {
            word.append(e);
          }
        }
        default -> {
          if (Character.isWhitespace(c)) {
            words.add(word.toString());
            word = null;
          } else {
            word.append(c);
          }
        }
      }
    }
    if (word != null) {
      words.add(word.toString());
    }
    return words;
  }
}
