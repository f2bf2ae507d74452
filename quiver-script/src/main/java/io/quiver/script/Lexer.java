package io.quiver.script;

import io.quiver.value.Value;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns tremor-script / Trickle source text into tokens, following Tremor 0.11's lexer: {@code -}
 * directly before a digit starts a negative number, identifiers may contain {@code -}, a lone
 * {@code _} is the don't-care token, strings are split into parts around {@code #{...}}
 * interpolations (whose tokens are lexed inline), and lexing stops at the first error. Whitespace,
 * newlines and comments produce no tokens; comment positions are recorded on the {@link Source} for
 * error excerpts.
 */
final class Lexer {
  private static final String INTERPOLATION_HINT =
      "Did you mean to write a literal '#{'? Escape it as '\\#{'.";

  private final Source source;
  private final String src;
  private int pos;
  private Position loc = Position.START;
  private final List<Token> tokens = new ArrayList<>();
  private Span lastLexeme = new Span(Position.START, Position.START);

  private Lexer(Source source) {
    this.source = source;
    this.src = source.text();
  }

  /** All tokens of the source, ending with an {@link TokenKind#EOS} token. */
  static List<Token> tokenize(Source source) throws ScriptException {
    Lexer lexer = new Lexer(source);
    while (!lexer.atEnd()) {
      lexer.lexOne();
    }
    lexer.tokens.add(new Token(TokenKind.EOS, "", "", null, lexer.lastLexeme));
    return lexer.tokens;
  }

  private boolean atEnd() {
    return pos >= src.length();
  }

  private char peek() {
    return pos < src.length() ? src.charAt(pos) : '\0';
  }

  private char peek(int ahead) {
    return pos + ahead < src.length() ? src.charAt(pos + ahead) : '\0';
  }

  private char bump() {
    char c = src.charAt(pos++);
    loc = loc.advance(c);
    return c;
  }

  private void add(TokenKind kind, Position start) {
    add(kind, start, kind.terminal, null, null);
  }

  private void add(TokenKind kind, Position start, String text, String string, Value value) {
    Span span = new Span(start, loc);
    tokens.add(new Token(kind, text, string, value, span));
    lastLexeme = span;
  }

  private void addAt(TokenKind kind, Span span, String text, String string) {
    tokens.add(new Token(kind, text, string, null, span));
    lastLexeme = span;
  }

  private ScriptException error(Span span, String message) {
    return error(span, message, null);
  }

  /** Lexer errors show up to two lines before the problem and nothing after it. */
  private ScriptException error(Span span, String message, String hint) {
    LineRange context = new LineRange(span.start().line() - 2, span.end().line());
    return new ScriptException(source, new Diagnostic(message, context, span, hint));
  }

  /** A two-character token: adds {@code kind} and takes {@code second} when it comes next. */
  private boolean pair(Position start, char second, TokenKind kind) {
    if (peek() != second) {
      return false;
    }
    bump();
    add(kind, start);
    return true;
  }

  private void lexOne() throws ScriptException {
    Position start = loc;
    char c = bump();
    switch (c) {
      case ',' -> add(TokenKind.COMMA, start);
      case '$' -> add(TokenKind.DOLLAR, start);
      case '.' -> add(TokenKind.DOT, start);
      case '_' -> add(TokenKind.DONT_CARE, start);
      case ';' -> add(TokenKind.SEMI, start);
      case '+' -> add(TokenKind.PLUS, start);
      case '*' -> add(TokenKind.STAR, start);
      case '\\' -> add(TokenKind.BACKSLASH, start);
      case '(' -> add(TokenKind.LPAREN, start);
      case ')' -> add(TokenKind.RPAREN, start);
      case '{' -> add(TokenKind.LBRACE, start);
      case '}' -> add(TokenKind.RBRACE, start);
      case '[' -> add(TokenKind.LBRACKET, start);
      case ']' -> add(TokenKind.RBRACKET, start);
      case '/' -> add(TokenKind.SLASH, start);
      case '^' -> add(TokenKind.CARET, start);
      case '&' -> add(TokenKind.AMP, start);
      case ':' -> colons(start);
      case '-' -> {
        if (isDigit(peek())) {
          number(start);
        } else {
          add(TokenKind.MINUS, start);
        }
      }
      case '#' -> hash(start);
      case '=' -> {
        if (!pair(start, '>', TokenKind.EQ_ARROW) && !pair(start, '=', TokenKind.EQ_EQ)) {
          add(TokenKind.EQ, start);
        }
      }
      case '<' -> {
        if (!pair(start, '<', TokenKind.LSHIFT) && !pair(start, '=', TokenKind.LTE)) {
          add(TokenKind.LT, start);
        }
      }
      case '>' -> {
        if (peek() == '>') {
          bump();
          if (!pair(start, '>', TokenKind.RSHIFT_UNSIGNED)) {
            add(TokenKind.RSHIFT, start);
          }
        } else if (!pair(start, '=', TokenKind.GTE)) {
          add(TokenKind.GT, start);
        }
      }
      case '%' -> {
        if (!pair(start, '{', TokenKind.LPAT_BRACE)
            && !pair(start, '[', TokenKind.LPAT_BRACKET)
            && !pair(start, '(', TokenKind.LPAT_PAREN)) {
          add(TokenKind.PERCENT, start);
        }
      }
      case '~' -> {
        if (!pair(start, '=', TokenKind.TILDE_EQ)) {
          add(TokenKind.TILDE, start);
        }
      }
      case '!' -> {
        if (!pair(start, '=', TokenKind.NOT_EQ)) {
          add(TokenKind.BANG, start);
        }
      }
      case '`' -> quotedIdent(start);
      case '\n' -> lastLexeme = new Span(start, start);
      case '"' -> string(start);
      case '|' -> extractor(start);
      default -> {
        if (isIdentStart(c)) {
          ident(start);
        } else if (isDigit(c)) {
          number(start);
        } else if (Character.isWhitespace(c)) {
          while (!atEnd() && peek() != '\n' && Character.isWhitespace(peek())) {
            bump();
          }
          lastLexeme = new Span(start, loc);
        } else {
          add(TokenKind.BAD, start, String.valueOf(c), null, null);
        }
      }
    }
  }

  static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isHex(char c) {
    return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }

  static boolean isIdentStart(char c) {
    return Character.isUnicodeIdentifierStart(c) || c == '_' || c == '-';
  }

  static boolean isIdentContinue(char c) {
    return Character.isUnicodeIdentifierPart(c) && !Character.isIdentifierIgnorable(c)
        || c == '_'
        || c == '-';
  }

  private void colons(Position start) {
    int n = 1;
    while (peek() == ':') {
      bump();
      n++;
    }
    if (n == 1) {
      add(TokenKind.COLON, start);
    } else if (n == 2) {
      add(TokenKind.COLON_COLON, start);
    } else {
      add(TokenKind.BAD, start, ":".repeat(n), null, null);
    }
  }

  private void hash(Position start) {
    if (src.startsWith("!config ", pos)) {
      for (int i = 0; i < "!config ".length(); i++) {
        bump();
      }
      add(TokenKind.CONFIG_DIRECTIVE, start, "#!config ", null, null);
      return;
    }
    while (!atEnd() && peek() != '\n') {
      bump();
    }
    Span span = new Span(start, loc);
    source.addComment(span);
    lastLexeme = span;
  }

  private void ident(Position start) {
    while (!atEnd() && isIdentContinue(peek())) {
      bump();
    }
    String word = src.substring(start.offset(), loc.offset());
    TokenKind kw = TokenKind.keyword(word);
    if (kw == TokenKind.BOOL) {
      add(TokenKind.BOOL, start, word, word, Value.of(word.equals("true")));
    } else if (kw == TokenKind.NIL) {
      add(TokenKind.NIL, start, "null", word, Value.NULL);
    } else if (kw != null) {
      add(kw, start, word, word, null);
    } else {
      add(TokenKind.IDENT, start, word, word, null);
    }
  }

  private void quotedIdent(Position start) throws ScriptException {
    StringBuilder name = new StringBuilder();
    while (true) {
      if (atEnd() || peek() == '\n') {
        throw error(
            new Span(start, loc),
            "It looks like you forgot to terminate an ident with a closing '`'");
      }
      char c = bump();
      if (c == '`') {
        add(TokenKind.IDENT, start, "`" + name + "`", name.toString(), null);
        return;
      }
      name.append(c);
    }
  }

  private void number(Position start) throws ScriptException {
    // start is at '-' or the first digit (already consumed)
    while (isDigit(peek()) || peek() == '_') {
      bump();
    }
    String intText = src.substring(start.offset(), loc.offset()).replace("_", "");
    if (peek() == 'x' && (intText.equals("0") || intText.equals("-0"))) {
      bump();
      Position hexStart = loc;
      while (isHex(peek()) || peek() == '_') {
        bump();
      }
      String hex = src.substring(hexStart.offset(), loc.offset()).replace("_", "");
      try {
        if (hex.isEmpty() || isIdentStart(peek())) {
          throw new NumberFormatException();
        }
        long v = Long.parseLong(hex, 16);
        long signed = intText.startsWith("-") ? -v : v;
        add(TokenKind.INT, start, Long.toString(signed), null, Value.of(signed));
      } catch (NumberFormatException e) {
        // Tremor's span takes in the character that ended the literal, unless it is the newline
        Position end = atEnd() || peek() == '\n' ? loc : loc.advance(peek());
        throw error(new Span(start, end), "An invalid hexadecimal");
      }
      return;
    }
    if (peek() == '.' && isDigit(peek(1))) {
      bump();
      while (isDigit(peek()) || peek() == '_') {
        bump();
      }
      if (peek() == 'e' || peek() == 'E') {
        bump();
        if (peek() == '+' || peek() == '-') {
          bump();
        }
        while (isDigit(peek()) || peek() == '_') {
          bump();
        }
      }
      String text = src.substring(start.offset(), loc.offset()).replace("_", "");
      if (isIdentStart(peek())) {
        throw unexpectedChar(loc, loc, peek());
      }
      try {
        double d = Double.parseDouble(text);
        add(TokenKind.FLOAT, start, text, text, Value.of(d));
      } catch (NumberFormatException e) {
        throw error(new Span(start, loc), "An invalid float literal");
      }
      return;
    }
    if (isIdentStart(peek())) {
      throw unexpectedChar(loc, loc, peek());
    }
    try {
      long v = Long.parseLong(intText);
      add(TokenKind.INT, start, Long.toString(v), null, Value.of(v));
    } catch (NumberFormatException e) {
      throw error(new Span(start, loc), "An invalid integer literal");
    }
  }

  private ScriptException unexpectedChar(Position from, Position at, char c) {
    return error(new Span(at, at), "An unexpected character '" + c + "' was found");
  }

  /**
   * Extractor (test literal) {@code |...|}; {@code \|} and {@code \\} escape, {@code \} + newline
   * continues.
   */
  private void extractor(Position start) throws ScriptException {
    StringBuilder text = new StringBuilder();
    while (true) {
      if (atEnd() || peek() == '\n') {
        Position end = loc;
        throw error(
            new Span(start, end),
            "It looks like you forgot to terminate an extractor with a closing '|'");
      }
      char c = bump();
      if (c == '|') {
        add(TokenKind.EXTRACTOR, start, "|" + text + "|", text.toString(), null);
        return;
      }
      if (c == '\\') {
        char n = atEnd() ? '\0' : bump();
        if (n == '\\' || n == '|') {
          text.append(n);
        } else if (n == '\n') {
          while (!atEnd() && (peek() == ' ' || peek() == '\t')) {
            bump();
          }
        } else {
          throw error(new Span(loc, loc), "An unexpected escape code '" + n + "' was found");
        }
      } else {
        text.append(c);
      }
    }
  }

  // ---------------------------------------------------------------- strings

  private void string(Position start) throws ScriptException {
    if (peek() == '"') {
      if (peek(1) == '"') {
        bump();
        bump();
        heredoc(start);
        return;
      }
      add(TokenKind.DQUOTE, start, "\"", null, null);
      Position second = loc;
      bump();
      add(TokenKind.DQUOTE, second, "\"", null, null);
      return;
    }
    add(TokenKind.DQUOTE, start, "\"", null, null);
    StringBuilder content = new StringBuilder();
    Position segment = loc;
    while (true) {
      if (atEnd()) {
        throw error(
            new Span(start, endOfLine(start)),
            "It looks like you forgot to terminate a string with a closing '\"'");
      }
      Position here = loc;
      char c = bump();
      switch (c) {
        case '"' -> {
          flush(TokenKind.STRING_PART, segment, here, content);
          add(TokenKind.DQUOTE, here, "\"", null, null);
          return;
        }
        case '\n' ->
            throw error(
                new Span(start, here),
                "It looks like you forgot to terminate a string with a closing '\"'");
        case '\\' -> content.append(escape(start, here));
        case '#' -> {
          if (peek() == '{') {
            flush(TokenKind.STRING_PART, segment, here, content);
            interpolation(start, here);
            segment = loc;
          } else {
            content.append('#');
          }
        }
        default -> content.append(c);
      }
    }
  }

  private void heredoc(Position start) throws ScriptException {
    Position afterQuotes = loc;
    if (atEnd() || peek() != '\n') {
      throw error(
          new Span(start, afterQuotes),
          "It looks like you have characters tailing the here doc opening, it needs to be followed by a newline");
    }
    bump();
    addAt(TokenKind.HEREDOC_START, new Span(start, afterQuotes), "\"\"\"", null);
    StringBuilder content = new StringBuilder();
    Position segment = loc;
    while (true) {
      if (atEnd()) {
        throw error(
            new Span(start, afterQuotes),
            "It looks like you forgot to terminate a here doc with with a closing '\"\"\"'");
      }
      Position here = loc;
      if (src.startsWith("\"\"\"", pos)) {
        flush(TokenKind.HEREDOC_PART, segment, here, content);
        bump();
        bump();
        bump();
        add(TokenKind.HEREDOC_END, here, "\"\"\"", null, null);
        return;
      }
      char c = bump();
      switch (c) {
        case '\\' -> content.append(escape(start, here));
        case '#' -> {
          if (peek() == '{') {
            flush(TokenKind.HEREDOC_PART, segment, here, content);
            interpolation(start, here);
            segment = loc;
          } else {
            content.append('#');
          }
        }
        default -> content.append(c);
      }
    }
  }

  private void flush(TokenKind kind, Position segment, Position end, StringBuilder content) {
    if (!content.isEmpty()) {
      String s = content.toString();
      addAt(kind, new Span(segment, end), s, s);
      content.setLength(0);
    }
  }

  private Position endOfLine(Position from) {
    Position p = from;
    for (int i = from.offset(); i < src.length() && src.charAt(i) != '\n'; i++) {
      p = p.advance(src.charAt(i));
    }
    return p;
  }

  /** After a backslash at {@code at}: the escaped text. */
  private String escape(Position stringStart, Position at) throws ScriptException {
    if (atEnd()) {
      throw new ScriptException(
          source, Diagnostic.unplaced(new Span(at, loc), "An unexpected end of stream was found"));
    }
    char c = bump();
    switch (c) {
      case '\'':
        return "'";
      case '"':
        return "\"";
      case '\\':
        return "\\";
      case '#':
        return "#";
      case '/':
        return "/";
      case 'b':
        return "\b";
      case 'f':
        return "\f";
      case 'n':
        return "\n";
      case 'r':
        return "\r";
      case 't':
        return "\t";
      case 'u':
        {
          StringBuilder digits = new StringBuilder();
          for (int i = 0; i < 4; i++) {
            if (atEnd() || !isHex(peek())) {
              if (!atEnd()) {
                bump();
              }
              throw error(new Span(at, loc), "An invalid UTF8 escape sequence was found");
            }
            digits.append(bump());
          }
          char code = (char) Integer.parseInt(digits.toString(), 16);
          if (Character.isSurrogate(code)) {
            // half of a surrogate pair is no character (Rust's char::from_u32 refuses it)
            throw error(new Span(at, loc), "An invalid UTF8 escape sequence was found");
          }
          return String.valueOf(code);
        }
      default:
        throw error(new Span(at, loc), "An unexpected escape code '" + c + "' was found");
    }
  }

  /**
   * At {@code #} (position {@code at}) followed by '{': lexes the embedded tokens up to the
   * matching '}'.
   */
  private void interpolation(Position stringStart, Position at) throws ScriptException {
    bump(); // '{'
    // strings in interpolations in strings...: each level is a few frames of this lexer
    if (interpolations == Parser.MAX_NESTING) {
      throw error(new Span(at, loc), Parser.nestingMessage(), Parser.NESTING_HINT);
    }
    interpolations++;
    try {
      interpolationBody(stringStart, at);
    } finally {
      interpolations--;
    }
  }

  private int interpolations;

  private void interpolationBody(Position stringStart, Position at) throws ScriptException {
    add(TokenKind.INTERPOL, at, "#{", null, null);
    int depth = 0;
    boolean first = true;
    while (true) {
      if (atEnd()) {
        throw error(
            new Span(at, new Position(at.offset() + 2, at.line(), at.column() + 2)),
            "It looks like you forgot to terminate a string interpolation with a closing '}'",
            INTERPOLATION_HINT);
      }
      int before = tokens.size();
      try {
        lexOne();
      } catch (ScriptException e) {
        String problem = e.problem();
        if (problem.startsWith("It looks like you forgot to terminate a string")
            || problem.startsWith("It looks like you forgot to terminate a here doc")
            || problem.startsWith("It looks like you have characters tailing the here doc")) {
          boolean heredoc = src.startsWith("\"\"\"", stringStart.offset());
          if (heredoc && problem.startsWith("It looks like you forgot to terminate a string")) {
            throw e;
          }
          Position end = new Position(at.offset() + 2, at.line(), at.column() + 2);
          if (heredoc) {
            end = at;
            for (int k = at.offset(); k < src.length() && src.charAt(k) != '\n'; k++) {
              end = end.advance(src.charAt(k));
            }
          }
          // a here doc's context starts at its own first line
          LineRange context =
              heredoc
                  ? new LineRange(stringStart.line(), end.line())
                  : new LineRange(at.line() - 2, end.line());
          throw new ScriptException(
              source,
              new Diagnostic(
                  "It looks like you forgot to terminate a string interpolation with a closing '}'",
                  context,
                  new Span(at, end),
                  INTERPOLATION_HINT));
        }
        throw e;
      }
      for (int i = before; i < tokens.size(); i++) {
        Token t = tokens.get(i);
        switch (t.kind()) {
          case RBRACE -> {
            if (depth == 0) {
              if (first) {
                throw error(
                    new Span(at, t.end()),
                    "You have an interpolation without content.",
                    INTERPOLATION_HINT);
              }
              return;
            }
            depth--;
          }
          case LBRACE, INTERPOL -> depth++;
          default -> {}
        }
        first = false;
      }
    }
  }
}
