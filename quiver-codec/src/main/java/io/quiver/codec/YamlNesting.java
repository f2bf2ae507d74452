package io.quiver.codec;

import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Parse;
import org.snakeyaml.engine.v2.events.CollectionEndEvent;
import org.snakeyaml.engine.v2.events.CollectionStartEvent;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * The nesting bound of every YAML Quiver reads (the {@code yaml} codec, deployment files, {@code
 * up.yaml}): at most {@value #MAX_DEPTH} nested sequences and mappings, serde_yaml's recursion
 * limit (Tremor reads YAML with serde_yaml 0.8). snakeyaml-engine composes and constructs documents
 * recursively and overflows a 1 MiB thread stack at about a thousand levels, so a document is
 * checked with its (iterative) event parser first.
 */
public final class YamlNesting {
  /** Deepest nesting of sequences and mappings accepted. */
  public static final int MAX_DEPTH = 128;

  private YamlNesting() {}

  /** The problem text: serde_yaml's, plus the bound. */
  public static String message() {
    return "recursion limit exceeded: more than "
        + MAX_DEPTH
        + " nested sequences and mappings are not supported";
  }

  /**
   * Where the first sequence or mapping nested deeper than {@link #MAX_DEPTH} starts, if any.
   * Syntax errors are not reported here (the loader reports them with its own wording): the scan
   * stops at them.
   */
  public static Optional<Mark> tooDeep(String text, LoadSettings settings) {
    if (!couldBeTooDeep(text)) {
      return Optional.empty();
    }
    int depth = 0;
    try {
      for (Event e : new Parse(settings).parseString(text)) {
        if (e instanceof CollectionStartEvent) {
          if (++depth > MAX_DEPTH) {
            return Optional.of(
                e.getStartMark().orElseGet(() -> new Mark("", 0, 0, 0, new int[0], 0)));
          }
        } else if (e instanceof CollectionEndEvent) {
          depth--;
        }
      }
    } catch (YamlEngineException syntax) {
      return Optional.empty();
    }
    return Optional.empty();
  }

  /**
   * False when the text cannot nest that deep: every level opens with one of {@code [ { - : ?},
   * so fewer of those than the bound means a shallow document (no second parse for usual events).
   */
  private static boolean couldBeTooDeep(String text) {
    int openers = 0;
    for (int i = 0; i < text.length(); i++) {
      switch (text.charAt(i)) {
        case '[', '{', '-', ':', '?' -> {
          if (++openers > MAX_DEPTH) {
            return true;
          }
        }
        default -> {}
      }
    }
    return false;
  }
}
