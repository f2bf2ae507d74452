package io.quiver.script;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A source text with its name, split into lines for error excerpts. The lexer records where the
 * comments are, because Tremor's excerpts reprint comments in a normalised form.
 */
public final class Source {
  private final String name;
  private final String text;
  private final List<String> lines;
  private final List<Span> comments = new ArrayList<>();

  public Source(String name, String text) {
    this.name = name;
    this.text = text;
    List<String> split = new ArrayList<>(List.of(text.split("\n", -1)));
    if (split.size() > 1 && split.get(split.size() - 1).isEmpty()) {
      split.remove(split.size() - 1);
    }
    this.lines = Collections.unmodifiableList(split);
  }

  /**
   * The same source with a newline appended, as Tremor renders query compile errors (its excerpt
   * then shows one more, empty, line when the query ends with a newline).
   */
  public Source withTrailingNewline() {
    Source copy = new Source(name, text + "\n");
    copy.comments.addAll(comments);
    return copy;
  }

  public String name() {
    return name;
  }

  public String text() {
    return text;
  }

  public int lineCount() {
    return lines.size();
  }

  /** Line {@code n} (1-based) without its newline. */
  public String line(int n) {
    return lines.get(n - 1);
  }

  void addComment(Span span) {
    comments.add(span);
  }

  List<Span> comments() {
    return comments;
  }
}
