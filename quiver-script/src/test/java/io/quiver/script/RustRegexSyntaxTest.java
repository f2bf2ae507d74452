package io.quiver.script;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RustRegexSyntaxTest {

  @Test
  void unclosedGroupPointsAtTheOpeningParenthesis() {
    assertThat(RustRegexSyntax.problem("ab(c(d)"))
        .contains("regex parse error:\n    ab(c(d)\n      ^\nerror: unclosed group");
  }

  @Test
  void unopenedGroupPointsAtTheClosingParenthesis() {
    assertThat(RustRegexSyntax.problem("x)"))
        .contains("regex parse error:\n    x)\n     ^\nerror: unopened group");
  }

  @Test
  void unclosedClass() {
    assertThat(RustRegexSyntax.problem("a[bc"))
        .contains("regex parse error:\n    a[bc\n     ^\nerror: unclosed character class");
  }

  @Test
  void repetitionWithoutExpression() {
    assertThat(RustRegexSyntax.problem("a|*b"))
        .contains(
            "regex parse error:\n    a|*b\n      ^\nerror: repetition operator missing expression");
  }

  @Test
  void validPatternsAndNamedGroupsHaveNoProblem() {
    assertThat(RustRegexSyntax.problem("(?P<year>[0-9]{4})-(?i)[]a]\\)")).isEmpty();
  }

  @Test
  void multiLinePatternsAreLeftToJava() {
    assertThat(RustRegexSyntax.problem("(\n")).isEmpty();
  }
}
