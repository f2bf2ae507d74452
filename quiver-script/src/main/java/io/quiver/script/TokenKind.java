package io.quiver.script;

import java.util.HashMap;
import java.util.Map;

/**
 * Kinds of tokens. {@link #terminal} is the name Tremor's grammar gives the terminal; it is what
 * appears (in backticks) in "expected one of" lists, and its order sorts those lists.
 */
public enum TokenKind {
  IDENT("<ident>"),
  INT("int"),
  FLOAT("float"),
  BOOL("bool"),
  NIL("nil"),
  // keywords
  INTRINSIC("intrinsic"),
  MOD_KW("mod"),
  CONST("const"),
  LET("let"),
  MATCH("match"),
  END("end"),
  FN("fn"),
  CASE("case"),
  OF("of"),
  WHEN("when"),
  DEFAULT("default"),
  PATCH("patch"),
  INSERT("insert"),
  UPSERT("upsert"),
  UPDATE("update"),
  ERASE("erase"),
  MOVE("move"),
  COPY("copy"),
  MERGE("merge"),
  FOR("for"),
  EVENT("event"),
  STATE("state"),
  PRESENT("present"),
  ABSENT("absent"),
  AND("and"),
  OR("or"),
  XOR("xor"),
  NOT("not"),
  DROP("drop"),
  EMIT("emit"),
  SELECT("select"),
  FROM("from"),
  WHERE("where"),
  WITH("with"),
  GROUP("group"),
  BY("by"),
  HAVING("having"),
  INTO("into"),
  CREATE("create"),
  TUMBLING("tumbling"),
  SLIDING("sliding"),
  WINDOW("window"),
  STREAM("stream"),
  OPERATOR("operator"),
  SCRIPT("script"),
  SET("set"),
  EACH("each"),
  DEFINE("define"),
  ARGS("args"),
  USE("use"),
  AS("as"),
  RECUR("recur"),
  // symbols
  DOT("."),
  DOLLAR("$"),
  COMMA(","),
  SEMI(";"),
  COLON(":"),
  COLON_COLON("::"),
  EQ("="),
  EQ_EQ("=="),
  NOT_EQ("!="),
  EQ_ARROW("=>"),
  LBRACE("{"),
  RBRACE("}"),
  LBRACKET("["),
  RBRACKET("]"),
  LPAREN("("),
  RPAREN(")"),
  LPAT_BRACE("%{"),
  LPAT_BRACKET("%["),
  LPAT_PAREN("%("),
  PERCENT("%"),
  PLUS("+"),
  MINUS("-"),
  STAR("*"),
  SLASH("/"),
  GT(">"),
  GTE(">="),
  LT("<"),
  LTE("<="),
  LSHIFT("<<"),
  RSHIFT(">>"),
  RSHIFT_UNSIGNED(">>>"),
  BANG("!"),
  CARET("^"),
  AMP("&"),
  TILDE("~"),
  TILDE_EQ("~="),
  DONT_CARE("_"),
  BACKSLASH("\\"),
  // strings
  DQUOTE("\""),
  STRING_PART("string"),
  INTERPOL("#{"),
  HEREDOC_START("heredoc_start"),
  HEREDOC_END("heredoc_end"),
  HEREDOC_PART("heredoc"),
  EXTRACTOR("<extractor>"),
  CONFIG_DIRECTIVE("#!config"),
  BAD("<error>"),
  EOS("<end-of-stream>");

  public final String terminal;

  TokenKind(String terminal) {
    this.terminal = terminal;
  }

  /**
   * How the terminal appears in an "expected" list: in backticks, {@code "} shown as {@code \`}.
   */
  public String expectedName() {
    return this == DQUOTE ? "`\\``" : "`" + terminal + "`";
  }

  private static final Map<String, TokenKind> KEYWORDS = new HashMap<>();

  static {
    for (TokenKind k : values()) {
      if (k.ordinal() >= INTRINSIC.ordinal() && k.ordinal() <= RECUR.ordinal()) {
        KEYWORDS.put(k.terminal, k);
      }
    }
    KEYWORDS.put("null", NIL);
  }

  /** The keyword kind for {@code word}, or null when it is an identifier (true/false are BOOL). */
  public static TokenKind keyword(String word) {
    if (word.equals("true") || word.equals("false")) {
      return BOOL;
    }
    return KEYWORDS.get(word);
  }

  public boolean isKeyword() {
    return ordinal() >= INTRINSIC.ordinal() && ordinal() <= RECUR.ordinal();
  }
}
