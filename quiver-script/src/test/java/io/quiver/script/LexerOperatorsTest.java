package io.quiver.script;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The lexer's one-, two- and three-character operators, longest first. */
class LexerOperatorsTest {

  private static List<TokenKind> kinds(String text) throws ScriptException {
    return Lexer.tokenize(new Source("t.tremor", text)).stream().map(Token::kind).toList();
  }

  @Test
  void eachOperatorIsOneTokenOfItsKind() throws Exception {
    assertThat(kinds("= => == < << <= > >> >>> >= % %{ %[ %( ~ ~= ! !="))
        .containsExactly(
            TokenKind.EQ,
            TokenKind.EQ_ARROW,
            TokenKind.EQ_EQ,
            TokenKind.LT,
            TokenKind.LSHIFT,
            TokenKind.LTE,
            TokenKind.GT,
            TokenKind.RSHIFT,
            TokenKind.RSHIFT_UNSIGNED,
            TokenKind.GTE,
            TokenKind.PERCENT,
            TokenKind.LPAT_BRACE,
            TokenKind.LPAT_BRACKET,
            TokenKind.LPAT_PAREN,
            TokenKind.TILDE,
            TokenKind.TILDE_EQ,
            TokenKind.BANG,
            TokenKind.NOT_EQ,
            TokenKind.EOS);
  }

  @Test
  void operatorsRunTogetherSplitGreedily() throws Exception {
    assertThat(kinds(">>=<==>!"))
        .containsExactly(
            TokenKind.RSHIFT,
            TokenKind.EQ,
            TokenKind.LTE,
            TokenKind.EQ_ARROW,
            TokenKind.BANG,
            TokenKind.EOS);
  }
}
