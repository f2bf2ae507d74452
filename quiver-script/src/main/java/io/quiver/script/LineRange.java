package io.quiver.script;

/** The source lines (1-based, inclusive) an error excerpt shows. */
public record LineRange(int first, int last) {
  /**
   * No excerpt at all: Tremor's errors without a location (e.g. an unexpected end of the stream)
   * render as a lone caret under {@code Error: }.
   */
  public static final LineRange NONE = new LineRange(0, 0);
}
