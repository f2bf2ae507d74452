package io.quiver.script;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DiagnosticTest {
  private static final Span OUTER = new Span(new Position(40, 5, 3), new Position(60, 6, 9));
  private static final Span INNER = new Span(new Position(53, 6, 2), new Position(55, 6, 4));

  @Test
  void aroundShowsTwoLinesEitherSideOfTheSpanWithoutAHint() {
    Diagnostic d = Diagnostic.around(OUTER, "bad");

    assertThat(d).isEqualTo(new Diagnostic("bad", new LineRange(3, 8), OUTER, null));
  }

  @Test
  void aroundAnOuterSpanUnderlinesTheInnerOne() {
    Diagnostic d = Diagnostic.around(OUTER, INNER, "bad");

    assertThat(d).isEqualTo(new Diagnostic("bad", new LineRange(3, 8), INNER, null));
  }

  @Test
  void theContextStopsAtTheFirstLine() {
    Span first = new Span(new Position(0, 1, 1), new Position(1, 1, 2));

    assertThat(Diagnostic.around(first, "bad").context()).isEqualTo(new LineRange(0, 3));
  }
}
