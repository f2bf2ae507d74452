package io.quiver.script;

import io.quiver.script.ast.BinaryOp;
import io.quiver.script.ast.Expr;
import io.quiver.script.ast.Pattern;
import io.quiver.script.ast.Query;
import io.quiver.script.ast.UnaryOp;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiFunction;

/**
 * Recursive-descent parser for tremor-script and Trickle statements, with a precedence table for
 * binary operators (Tremor 0.11: or < xor < and < ^ < & < == != < relational < shifts < + - < * /
 * %; all left-associative). The grammar's split between mutable expressions ({@code let}, {@code
 * emit}, {@code drop}) and immutable ones is kept, so misplaced statements fail with Tremor's
 * "Found the token ... but expected one of ..." messages.
 */
final class Parser {
  /** First tokens after {@code not} / {@code !}. */
  static final List<String> UNARY_SIMPLE_START =
      List.of(
          "!",
          "\"",
          "$",
          "(",
          "<<",
          "<ident>",
          "[",
          "absent",
          "args",
          "bool",
          "event",
          "float",
          "group",
          "heredoc_start",
          "int",
          "merge",
          "nil",
          "not",
          "patch",
          "present",
          "recur",
          "state",
          "window",
          "{");

  /** First tokens after a binary operator or unary +/-. */
  static final List<String> UNARY_START = concat(UNARY_SIMPLE_START, List.of("+", "-"));

  /**
   * First tokens of an immutable expression ({@code ComplexExprImut}); expected tokens are reported
   * sorted, so the order of these lists does not matter.
   */
  static final List<String> COMPLEX_IMUT_START = concat(UNARY_START, List.of("for", "match"));

  /** First tokens of an expression that may mutate (match bodies, let values). */
  static final List<String> EXPR_START = concat(COMPLEX_IMUT_START, List.of("drop", "emit", "let"));

  /** First tokens of a top-level script expression. */
  static final List<String> TOP_START =
      concat(
          EXPR_START, List.of("<doc-comment>", "<mod-comment>", "const", "fn", "intrinsic", "mod"));

  static final List<String> PATH_START =
      List.of("$", "<ident>", "args", "event", "group", "state", "window");
  static final List<String> BINARY_OPERATORS =
      List.of(
          "!=", "%", "&", "*", "+", "-", "/", "<", "<<", "<=", "==", ">", ">=", ">>", ">>>", "^",
          "and", "or", "xor");

  /** What may follow a top-level script expression. */
  static final List<String> AFTER_TOP_EXPR =
      concat(BINARY_OPERATORS, List.of(";", TokenKind.EOS.terminal));

  static final List<String> STMT_START = List.of("create", "define", "mod", "select");

  private static final Set<TokenKind> EXPR_FIRST =
      EnumSet.of(
          TokenKind.BANG,
          TokenKind.DQUOTE,
          TokenKind.DOLLAR,
          TokenKind.LPAREN,
          TokenKind.PLUS,
          TokenKind.MINUS,
          TokenKind.LSHIFT,
          TokenKind.IDENT,
          TokenKind.LBRACKET,
          TokenKind.ABSENT,
          TokenKind.ARGS,
          TokenKind.BOOL,
          TokenKind.EVENT,
          TokenKind.FLOAT,
          TokenKind.FOR,
          TokenKind.GROUP,
          TokenKind.HEREDOC_START,
          TokenKind.INT,
          TokenKind.MATCH,
          TokenKind.MERGE,
          TokenKind.NIL,
          TokenKind.NOT,
          TokenKind.PATCH,
          TokenKind.PRESENT,
          TokenKind.RECUR,
          TokenKind.STATE,
          TokenKind.WINDOW,
          TokenKind.LBRACE);

  private final Source source;
  private final List<Token> tokens;

  /** Finds, reads and checks the modules that {@code use} names; shared with module parsers. */
  private final ModuleLoader modules;

  private int index;

  /**
   * The deepest nesting of expressions, patterns and modules a source may have (parentheses,
   * brackets, braces, operators, {@code match}, {@code let}...): the phases after the parser walk
   * the tree recursively, so a bound here keeps their stack use bounded. Tremor's LALR parser has
   * none; 256 is far beyond what a hand-written script needs.
   */
  public static final int MAX_NESTING = 256;

  private int nesting;

  /** One level deeper; refused beyond {@link #MAX_NESTING}. */
  private void enter() throws ScriptException {
    if (nesting == MAX_NESTING) {
      throw tooDeep(peek());
    }
    nesting++;
  }

  /** {@code body} one level deeper (see {@link #enter}). */
  private <T> T nested(Rule<T> body) throws ScriptException {
    enter();
    try {
      return body.parse();
    } finally {
      nesting--;
    }
  }

  private ScriptException tooDeep(Token at) {
    return new ScriptException(
        source,
        new Diagnostic(nestingMessage(), at.span().expandLines(2), at.span(), NESTING_HINT));
  }

  static String nestingMessage() {
    return "The expression is nested too deeply: more than " + MAX_NESTING + " levels";
  }

  static final String NESTING_HINT =
      "Split it into smaller parts, for example with `let` or a" + " function";

  private Parser(Source source, List<Token> tokens, ModuleLoader modules) {
    this.source = source;
    this.tokens = tokens;
    this.modules = modules;
  }

  static List<Expr> parseScript(Source source) throws ScriptException {
    return parseScript(source, ModulePath.EMPTY);
  }

  static List<Expr> parseScript(Source source, ModulePath modules) throws ScriptException {
    Parser p = new Parser(source, Lexer.tokenize(source), new ModuleLoader(modules, source));
    p.checkUses();
    List<Expr> exprs = p.topLevel();
    p.expect(TokenKind.EOS, List.of("<end-of-stream>"));
    return exprs;
  }

  static Query parseQuery(Source source) throws ScriptException {
    return parseQuery(source, ModulePath.EMPTY);
  }

  static Query parseQuery(Source source, ModulePath modules) throws ScriptException {
    Parser p = new Parser(source, Lexer.tokenize(source), new ModuleLoader(modules, source));
    p.checkUses();
    return p.query();
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    return List.copyOf(all);
  }

  // ------------------------------------------------------------------ helpers

  private Token peek() {
    return tokens.get(index);
  }

  private Token peek(int ahead) {
    return tokens.get(Math.min(index + ahead, tokens.size() - 1));
  }

  private boolean at(TokenKind kind) {
    return peek().kind() == kind;
  }

  private Token advance() {
    Token t = tokens.get(index);
    if (t.kind() != TokenKind.EOS) {
      index++;
    }
    return t;
  }

  private Position lastEnd() {
    return index == 0 ? Position.START : tokens.get(index - 1).end();
  }

  private Token expect(TokenKind kind, Collection<String> expected) throws ScriptException {
    if (!at(kind)) {
      throw unexpected(peek(), expected);
    }
    return advance();
  }

  private Token expect(TokenKind kind) throws ScriptException {
    return expect(kind, List.of(kind.terminal));
  }

  private boolean accept(TokenKind kind) {
    if (at(kind)) {
      advance();
      return true;
    }
    return false;
  }

  ScriptException unexpected(Token found, Collection<String> expectedTerminals) {
    if (found.kind() == TokenKind.BAD && afterIdent(found)) {
      return unexpectedInOrder(found, AFTER_IDENT);
    }
    return unexpectedInOrder(found, new TreeSet<>(expectedTerminals));
  }

  /**
   * What Tremor's parser expects when a token it does not know at all (e.g. {@code :::}) follows an
   * identifier: it fails in the state right after the identifier, before deciding what the
   * identifier is, so it lists everything that may follow an identifier anywhere.
   */
  private static final List<String> AFTER_IDENT =
      List.of(
          "!=",
          "%",
          "&",
          "(",
          ")",
          "*",
          "+",
          ",",
          "-",
          ".",
          ".",
          "/",
          ":",
          "::",
          ";",
          "<",
          "<<",
          "<=",
          "<end-of-stream>",
          "==",
          "=>",
          ">",
          ">=",
          ">>",
          ">>>",
          "[",
          "]",
          "^",
          "and",
          "case",
          "default",
          "end",
          "of",
          "or",
          "when",
          "xor",
          "}");

  private boolean afterIdent(Token found) {
    int at = tokens.indexOf(found);
    return at > 0 && tokens.get(at - 1).is(TokenKind.IDENT);
  }

  /** Like {@link #unexpected} but lists the terminals in the given order. */
  ScriptException unexpectedInOrder(Token found, Collection<String> expectedTerminals) {
    List<String> names = new ArrayList<>();
    for (String t : expectedTerminals) {
      names.add(t.equals("\"") ? "`\\``" : "`" + t + "`");
    }
    String choices = names.size() == 1 ? names.get(0) : "one of " + String.join(", ", names);
    String text = found.text();
    String message = "Found the token `" + text + "` but expected " + choices;
    Span span = found.span();
    String hint = hint(found, text, names);
    LineRange context = new LineRange(span.start().line() - 2, span.end().line() + 2);
    return new ScriptException(source, new Diagnostic(message, context, span, hint));
  }

  private static String hint(Token found, String text, List<String> names) {
    if (found.kind() == TokenKind.EOS
        && text.isEmpty()
        && found.start().offset() == found.end().offset()) {
      return "It looks like a `;` is missing at the end of the script";
    }
    if (text.equals("default") || text.equals("case")) {
      return "You might have a trailing `,` in the prior statement";
    }
    if ((found.kind().isKeyword()
            || found.kind() == TokenKind.BOOL
            || found.kind() == TokenKind.NIL)
        && names.contains("`<ident>`")) {
      return "It looks like you tried to use the '"
          + text
          + "' as a ident, consider quoting it as `"
          + text
          + "` to make it an identifier.";
    }
    if (text.equals("-") && names.contains("`(`")) {
      return "Try wrapping this expression in parentheses `(` ... `)`";
    }
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String option : names) {
      int d = EditDistance.damerauLevenshtein(text, option);
      if (d <= 3 && (d < bestDistance || (d == bestDistance && option.compareTo(best) < 0))) {
        best = option;
        bestDistance = d;
      }
    }
    return best == null ? null : "Did you mean to use " + best + "?";
  }

  // ------------------------------------------------------------------ `use`

  /**
   * Tremor resolves {@code use a::b [as c];} in a lexical preprocessor before parsing. Quiver has
   * no module path yet: malformed {@code use} statements get Tremor's errors, well-formed ones a
   * "module not found" error.
   */
  private void checkUses() throws ScriptException {
    List<String> continuation = List.of("as", "::", ";");
    for (int i = 0; i < tokens.size(); i++) {
      Token use = tokens.get(i);
      if (!use.is(TokenKind.USE)) {
        continue;
      }
      int j = i + 1;
      Token next = tokens.get(j);
      if (!next.is(TokenKind.IDENT)) {
        throw unexpectedInOrder(next, List.of("<ident>"));
      }
      StringBuilder path = new StringBuilder(next.string());
      j++;
      while (true) {
        next = tokens.get(j);
        if (next.is(TokenKind.COLON_COLON)) {
          Token id = tokens.get(j + 1);
          if (!id.is(TokenKind.IDENT)) {
            throw unexpectedInOrder(id, List.of("<ident>"));
          }
          path.append('/').append(id.string());
          j += 2;
          Token after = tokens.get(j);
          if (!after.is(TokenKind.AS)
              && !after.is(TokenKind.COLON_COLON)
              && !after.is(TokenKind.SEMI)) {
            throw unexpectedInOrder(after, continuation);
          }
        } else if (next.is(TokenKind.AS) || next.is(TokenKind.SEMI)) {
          break;
        } else {
          throw unexpectedInOrder(next, continuation);
        }
      }
      if (tokens.get(j).is(TokenKind.AS)) {
        Token alias = tokens.get(j + 1);
        if (!alias.is(TokenKind.IDENT)) {
          throw unexpectedInOrder(alias, List.of("<ident>"));
        }
        j += 3; // alias and the `;` Tremor takes for granted
      } else {
        j++;
      }
      List<String> segments = List.of(path.toString().split("/"));
      if (modules.locate(segments).isPresent() || BuiltinModules.exists(segments)) {
        i = j - 1;
        continue;
      }
      Token last = tokens.get(j - 1);
      Token following = tokens.get(Math.min(j, tokens.size() - 1));
      boolean newline =
          following.is(TokenKind.EOS)
              ? source.text().indexOf('\n', last.end().offset()) >= 0
              : following.start().line() > last.end().line();
      if (!newline) {
        throw unexpectedInOrder(following, List.of("<newline>"));
      }
      Position eol = last.end();
      for (int k = eol.offset();
          k < source.text().length() && source.text().charAt(k) != '\n';
          k++) {
        eol = eol.advance(source.text().charAt(k));
      }
      throw new ScriptException(
          source,
          Diagnostic.around(use.span(), new Span(eol, eol), modules.notFoundMessage(segments)));
    }
  }

  // ------------------------------------------------------------------ scripts

  /**
   * {@code Exprs}: expressions separated by ';' (a trailing ';' allowed) up to {@code terminator}.
   */
  private List<Expr> topExprs(TokenKind terminator) throws ScriptException {
    List<Expr> exprs = new ArrayList<>();
    List<String> first = TOP_START;
    while (true) {
      exprs.add(topExpr(first));
      if (terminator != TokenKind.EOS) {
        first = concat(TOP_START, List.of(terminator.terminal));
      }
      if (accept(TokenKind.SEMI)) {
        if (at(terminator)) {
          return exprs;
        }
        continue;
      }
      if (at(terminator)) {
        return exprs;
      }
      List<String> expected = new ArrayList<>(BINARY_OPERATORS);
      expected.add(";");
      expected.add(terminator.terminal);
      throw unexpected(peek(), expected);
    }
  }

  /**
   * A script's statements. Unlike Tremor, which stops at the first syntax error, a statement that
   * does not parse is noted and skipped (see {@link #recover}) so that one run reports the problems
   * of several statements; the first is exactly Tremor's.
   */
  private List<Expr> topLevel() throws ScriptException {
    List<Expr> exprs = new ArrayList<>();
    statements(() -> exprs.add(topExpr(TOP_START)), AFTER_TOP_EXPR);
    return exprs;
  }

  /** One statement, parsed and kept by the caller. */
  @FunctionalInterface
  private interface Statement {
    void parse() throws ScriptException;
  }

  /**
   * Statements separated by ';' (a trailing ';' allowed) up to the end of the text, each one
   * followed by ';' or the end ({@code expectedAfter} names what may follow); a statement that does
   * not parse is noted and skipped (see {@link #recover}), and the problems are thrown at the end.
   */
  private void statements(Statement statement, List<String> expectedAfter) throws ScriptException {
    while (true) {
      int start = index;
      try {
        statement.parse();
        boolean separated = accept(TokenKind.SEMI);
        if (at(TokenKind.EOS)) {
          break;
        }
        if (!separated) {
          throw unexpected(peek(), expectedAfter);
        }
      } catch (ScriptException e) {
        if (!recover(e, start)) {
          break;
        }
      }
    }
    throwRecovered();
  }

  /** At most this many syntax errors are collected from one source. */
  static final int MAX_ERRORS = 20;

  /** Syntax errors of statements skipped so far (see {@link #recover}). */
  private final List<Diagnostic> recovered = new ArrayList<>();

  /**
   * Notes the syntax error {@code e} of the statement starting at token {@code start} and moves to
   * the next statement: the first {@code ;} at or after the error that is followed by a token
   * beginning a line, either in its first column or (outside brackets) no further right than the
   * failed statement began. Without such a place (or after {@link #MAX_ERRORS}) parsing stops:
   * false. Problems of another file (a module) are not recovered from.
   */
  private boolean recover(ScriptException e, int start) throws ScriptException {
    if (e.source() != source) {
      if (recovered.isEmpty()) {
        throw e;
      }
      return false;
    }
    recovered.add(e.diagnostic());
    if (recovered.size() >= MAX_ERRORS) {
      return false;
    }
    int column = tokens.get(start).start().column();
    int errorAt = Math.max(index, start);
    int depth = 0;
    for (int i = start; i < tokens.size() - 1; i++) {
      Token t = tokens.get(i);
      switch (t.kind()) {
        case LPAREN, LBRACKET, LBRACE, INTERPOL -> depth++;
        case RPAREN, RBRACKET, RBRACE -> depth = Math.max(0, depth - 1);
        default -> {}
      }
      if (i < errorAt || !t.is(TokenKind.SEMI)) {
        continue;
      }
      Token next = tokens.get(i + 1);
      if (next.is(TokenKind.EOS)) {
        return false;
      }
      // a statement at the very start of a line also ends a bracket left open
      boolean lineStart = next.start().line() > t.end().line();
      if (lineStart
          && (next.start().column() == 1 || depth == 0 && next.start().column() <= column)) {
        index = i + 1;
        return true;
      }
    }
    return false;
  }

  /** Throws the syntax errors collected, if any (the first is the one Tremor reports). */
  private void throwRecovered() throws ScriptException {
    if (!recovered.isEmpty()) {
      throw new ScriptException(source, recovered.get(0), recovered);
    }
  }

  private Expr topExpr(List<String> expected) throws ScriptException {
    if (at(TokenKind.CONST)) {
      Token start = advance();
      Token name = expect(TokenKind.IDENT, List.of("<ident>"));
      expect(TokenKind.EQ, List.of("="));
      Expr value = simpleImut(UNARY_SIMPLE_START);
      return new Expr.Const(name.string(), value, new Span(start.start(), lastEnd()));
    }
    if (at(TokenKind.FN)) {
      return fnDecl();
    }
    if (at(TokenKind.USE)) {
      return use();
    }
    if (at(TokenKind.INTRINSIC)) {
      return intrinsic();
    }
    if (at(TokenKind.MOD_KW)) {
      return module();
    }
    return expr(expected);
  }

  private ScriptException notSupported(Token at, String what) {
    return new ScriptException(
        source, Diagnostic.around(at.span(), "Quiver does not support " + what + " yet"));
  }

  /** {@code SimpleExpr}: match, for, let, drop, emit or an immutable expression. */
  private Expr expr(List<String> expected) throws ScriptException {
    return switch (peek().kind()) {
      case MATCH -> match(true);
      case FOR -> comprehension(true);
      case LET -> let();
      case DROP -> new Expr.Drop(advance().span());
      case EMIT -> emit();
      default -> binary(0, expected);
    };
  }

  /** {@code ComplexExprImut}: match, for or an operator expression. */
  private Expr complexImut() throws ScriptException {
    return complexImut(COMPLEX_IMUT_START);
  }

  private Expr complexImut(List<String> expected) throws ScriptException {
    return switch (peek().kind()) {
      case MATCH -> match(false);
      case FOR -> comprehension(false);
      default -> binary(0, expected);
    };
  }

  private Expr let() throws ScriptException {
    advance();
    Expr.Path path = path(PATH_START);
    expect(TokenKind.EQ, List.of("="));
    Expr value = nested(() -> expr(EXPR_START));
    return new Expr.Let(path, value, new Span(path.span().start(), value.span().end()));
  }

  private Expr emit() throws ScriptException {
    Token start = advance();
    Expr value = null;
    Expr port = null;
    if (!at(TokenKind.EQ_ARROW) && EXPR_FIRST.contains(peek().kind())) {
      value = complexImut();
    }
    if (accept(TokenKind.EQ_ARROW)) {
      port = string(List.of("\"", "heredoc_start"));
    }
    return new Expr.Emit(value, port, new Span(start.start(), lastEnd()));
  }

  private Expr match(boolean mutable) throws ScriptException {
    return nested(() -> matchNested(mutable));
  }

  private Expr matchNested(boolean mutable) throws ScriptException {
    Token start = advance();
    Expr target = complexImut();
    expect(TokenKind.OF, List.of("of"));
    List<Expr.Clause> clauses = new ArrayList<>();
    do {
      clauses.add(clause(mutable));
    } while (at(TokenKind.CASE) || at(TokenKind.DEFAULT));
    if (!at(TokenKind.END)) {
      List<String> expected = new ArrayList<>(BINARY_OPERATORS);
      expected.addAll(List.of(",", "case", "default", "end"));
      throw unexpected(peek(), expected);
    }
    advance();
    return new Expr.Match(target, clauses, new Span(start.start(), lastEnd()));
  }

  private Expr.Clause clause(boolean mutable) throws ScriptException {
    Token start = peek();
    Pattern pattern;
    Expr guard = null;
    if (accept(TokenKind.DEFAULT)) {
      pattern = new Pattern.Default(start.span());
    } else {
      expect(TokenKind.CASE, List.of("case", "default"));
      pattern = pattern();
      if (accept(TokenKind.WHEN)) {
        guard = complexImut();
      }
    }
    if (!at(TokenKind.EQ_ARROW)) {
      List<String> expected = new ArrayList<>(List.of("=>"));
      if (guard == null && !(pattern instanceof Pattern.Default)) {
        expected.add("when");
      }
      throw unexpected(peek(), expected);
    }
    advance();
    List<Expr> body = new ArrayList<>();
    do {
      body.add(mutable ? expr(EXPR_START) : complexImut());
    } while (accept(TokenKind.COMMA));
    return new Expr.Clause(pattern, guard, body, new Span(start.start(), lastEnd()));
  }

  private Pattern pattern() throws ScriptException {
    return nested(this::patternNested);
  }

  private Pattern patternNested() throws ScriptException {
    Token t = peek();
    switch (t.kind()) {
      case LPAT_BRACE:
        return recordPattern();
      case LPAT_BRACKET:
        return arrayPattern();
      case LPAT_PAREN:
        return tuplePattern();
      case TILDE:
        {
          advance();
          Pattern.Extractor x = extractor();
          return new Pattern.Extract(x, new Span(t.start(), lastEnd()));
        }
      case DONT_CARE:
        advance();
        return new Pattern.DontCare(t.span());
      case IDENT:
        if (peek(1).kind() == TokenKind.EQ) {
          advance();
          advance();
          Pattern inner = pattern();
          return new Pattern.Assign(t.string(), -1, inner, new Span(t.start(), inner.span().end()));
        }
        break;
      default:
        break;
    }
    List<String> expected = new ArrayList<>(COMPLEX_IMUT_START);
    expected.addAll(List.of("%(", "%[", "%{", "_", "~"));
    Expr e = complexImut(expected);
    return new Pattern.ExprPattern(e, e.span());
  }

  /** A piece of the grammar: an item of a list, a nested expression. */
  @FunctionalInterface
  private interface Rule<T> {
    T parse() throws ScriptException;
  }

  /** Items up to {@code close} (not consumed), separated by commas; a trailing comma is allowed. */
  private <T> List<T> commaSeparated(TokenKind close, Rule<T> item) throws ScriptException {
    List<T> items = new ArrayList<>();
    while (!at(close)) {
      items.add(item.parse());
      if (!accept(TokenKind.COMMA)) {
        break;
      }
    }
    return items;
  }

  /**
   * Items up to {@code close} (not consumed), separated by commas, with no trailing comma: Tremor's
   * left-recursive lists (array, tuple and function-argument patterns).
   */
  private <T> List<T> commaSeparatedStrict(TokenKind close, Rule<T> item) throws ScriptException {
    List<T> items = new ArrayList<>();
    if (!at(close)) {
      do {
        items.add(item.parse());
      } while (accept(TokenKind.COMMA));
    }
    return items;
  }

  private Pattern.RecordPattern recordPattern() throws ScriptException {
    return bracketed(TokenKind.RBRACE, this::fieldTest, Pattern.RecordPattern::new);
  }

  /**
   * One level deeper: the opening token (the current one), items separated by commas up to {@code
   * close}, and {@code close}; {@code build} makes the node from the items and the whole span.
   */
  private <T, R> R bracketed(TokenKind close, Rule<T> item, BiFunction<List<T>, Span, R> build)
      throws ScriptException {
    return bracketed(close, item, build, true);
  }

  private <T, R> R bracketed(
      TokenKind close, Rule<T> item, BiFunction<List<T>, Span, R> build, boolean trailingComma)
      throws ScriptException {
    return nested(
        () -> {
          Token start = advance();
          List<T> items =
              trailingComma ? commaSeparated(close, item) : commaSeparatedStrict(close, item);
          expect(close, List.of(",", close.terminal));
          return build.apply(items, new Span(start.start(), lastEnd()));
        });
  }

  private Pattern.FieldTest fieldTest() throws ScriptException {
    Token start = peek();
    if (accept(TokenKind.PRESENT) || accept(TokenKind.ABSENT)) {
      Token key = expect(TokenKind.IDENT, List.of("<ident>"));
      Span span = new Span(start.start(), key.end());
      return start.is(TokenKind.PRESENT)
          ? new Pattern.FieldPresent(key.string(), span)
          : new Pattern.FieldAbsent(key.string(), span);
    }
    Token key = expect(TokenKind.IDENT, List.of("<ident>", "absent", "present", "}"));
    String assign = null;
    if (at(TokenKind.EQ) && peek(1).is(TokenKind.IDENT) && peek(2).is(TokenKind.TILDE_EQ)) {
      advance();
      assign = key.string();
      key = advance();
    }
    Token op = peek();
    BinaryOp cmp =
        switch (op.kind()) {
          case EQ_EQ, NOT_EQ, GT, GTE, LT, LTE -> binaryOp(op.kind());
          default -> null;
        };
    if (cmp != null) {
      advance();
      Expr value = complexImut();
      return new Pattern.FieldCompare(key.string(), cmp, value, new Span(start.start(), lastEnd()));
    }
    if (accept(TokenKind.TILDE_EQ)) {
      if (at(TokenKind.LPAT_BRACE)) {
        Pattern.RecordPattern inner = recordPattern();
        return new Pattern.FieldRecord(key.string(), inner, new Span(start.start(), lastEnd()));
      }
      if (at(TokenKind.LPAT_BRACKET)) {
        Pattern.ArrayPattern inner = arrayPattern();
        return new Pattern.FieldArray(key.string(), inner, new Span(start.start(), lastEnd()));
      }
      Pattern.Extractor x = extractor();
      return new Pattern.FieldExtract(
          key.string(),
          assign == null ? key.string() : assign,
          x,
          new Span(start.start(), lastEnd()));
    }
    throw unexpected(op, List.of("!=", "<", "<=", "=", "==", ">", ">=", "~="));
  }

  // -------------------------------------------------------------- operators

  private static BinaryOp binaryOp(TokenKind kind) {
    return switch (kind) {
      case OR -> BinaryOp.OR;
      case XOR -> BinaryOp.XOR;
      case AND -> BinaryOp.AND;
      case CARET -> BinaryOp.BIT_XOR;
      case AMP -> BinaryOp.BIT_AND;
      case EQ_EQ -> BinaryOp.EQ;
      case NOT_EQ -> BinaryOp.NOT_EQ;
      case GT -> BinaryOp.GT;
      case GTE -> BinaryOp.GTE;
      case LT -> BinaryOp.LT;
      case LTE -> BinaryOp.LTE;
      case LSHIFT -> BinaryOp.LSHIFT;
      case RSHIFT -> BinaryOp.RSHIFT;
      case RSHIFT_UNSIGNED -> BinaryOp.RSHIFT_UNSIGNED;
      case PLUS -> BinaryOp.ADD;
      case MINUS -> BinaryOp.SUB;
      case STAR -> BinaryOp.MUL;
      case SLASH -> BinaryOp.DIV;
      case PERCENT -> BinaryOp.MOD;
      default -> null;
    };
  }

  /** Binding power of a binary operator; higher binds tighter. */
  static int precedence(BinaryOp op) {
    return switch (op) {
      case OR -> 1;
      case XOR -> 2;
      case AND -> 3;
      case BIT_OR -> 4;
      case BIT_XOR -> 5;
      case BIT_AND -> 6;
      case EQ, NOT_EQ -> 7;
      case GT, GTE, LT, LTE -> 8;
      case LSHIFT, RSHIFT, RSHIFT_UNSIGNED -> 9;
      case ADD, SUB -> 10;
      case MUL, DIV, MOD -> 11;
    };
  }

  private Expr binary(int minPrecedence, List<String> expected) throws ScriptException {
    return nested(() -> binaryNested(minPrecedence, expected));
  }

  private Expr binaryNested(int minPrecedence, List<String> expected) throws ScriptException {
    Expr left = unary(expected);
    int chain = 0;
    while (true) {
      BinaryOp op = binaryOp(peek().kind());
      if (op == null || precedence(op) < minPrecedence) {
        return left;
      }
      // a left-associative chain nests its left operands: each operator is one level more
      if (nesting + ++chain > MAX_NESTING) {
        throw tooDeep(peek());
      }
      advance();
      Expr right = binary(precedence(op) + 1, UNARY_START);
      left = new Expr.Binary(op, left, right, new Span(left.span().start(), right.span().end()));
    }
  }

  private Expr unary(List<String> expected) throws ScriptException {
    Token t = peek();
    if (t.is(TokenKind.PLUS) || t.is(TokenKind.MINUS)) {
      advance();
      Expr operand = nested(() -> unary(UNARY_START));
      UnaryOp op = t.is(TokenKind.PLUS) ? UnaryOp.PLUS : UnaryOp.MINUS;
      return new Expr.Unary(op, operand, new Span(t.start(), operand.span().end()));
    }
    return unarySimple(expected);
  }

  private Expr unarySimple(List<String> expected) throws ScriptException {
    Token t = peek();
    if (t.is(TokenKind.NOT) || t.is(TokenKind.BANG)) {
      advance();
      Expr operand = nested(() -> unarySimple(UNARY_SIMPLE_START));
      UnaryOp op = t.is(TokenKind.NOT) ? UnaryOp.NOT : UnaryOp.BIT_NOT;
      return new Expr.Unary(op, operand, new Span(t.start(), operand.span().end()));
    }
    if (t.is(TokenKind.PRESENT) || t.is(TokenKind.ABSENT)) {
      advance();
      Expr.Path path = path(PATH_START);
      Span span = new Span(t.start(), path.span().end());
      Expr present = new Expr.Present(path, span);
      return t.is(TokenKind.PRESENT) ? present : new Expr.Unary(UnaryOp.NOT, present, span);
    }
    return simpleImut(expected);
  }

  /** {@code SimpleExprImut}: a parenthesised expression or a primary. */
  private Expr simpleImut(List<String> expected) throws ScriptException {
    Token t = peek();
    switch (t.kind()) {
      case LPAREN -> {
        advance();
        Expr inner = complexImut();
        expect(TokenKind.RPAREN, concat(BINARY_OPERATORS, List.of(")")));
        return inner;
      }
      case NIL, BOOL, INT, FLOAT -> {
        advance();
        return new Expr.Literal(t.value(), t.span());
      }
      case DQUOTE, HEREDOC_START -> {
        return string(expected);
      }
      case LBRACKET -> {
        return list();
      }
      case LBRACE -> {
        return record();
      }
      case DOLLAR, EVENT, STATE, ARGS, WINDOW, GROUP, IDENT -> {
        return pathOrCall(expected);
      }
      case PATCH -> {
        return patch();
      }
      case MERGE -> {
        return merge();
      }
      case LSHIFT -> {
        return binaryLiteral();
      }
      case RECUR -> {
        advance();
        expect(TokenKind.LPAREN, List.of("("));
        List<Expr> args = callArgs();
        return new Expr.Recur(args, new Span(t.start(), lastEnd()));
      }
      default -> throw unexpected(t, expected);
    }
  }

  private Expr list() throws ScriptException {
    Token start = advance();
    List<Expr> items =
        commaSeparated(
            TokenKind.RBRACKET, () -> complexImut(concat(COMPLEX_IMUT_START, List.of("]"))));
    expect(TokenKind.RBRACKET, concat(BINARY_OPERATORS, List.of(",", "]")));
    return new Expr.ListLit(items, new Span(start.start(), lastEnd()));
  }

  private Expr record() throws ScriptException {
    Token start = advance();
    List<Expr.Field> fields =
        commaSeparated(
            TokenKind.RBRACE,
            () -> {
              Expr key = string(List.of("\"", "heredoc_start", "}"));
              expect(TokenKind.COLON, List.of(":"));
              Expr value = complexImut();
              return new Expr.Field(key, value, new Span(key.span().start(), value.span().end()));
            });
    expect(TokenKind.RBRACE, concat(BINARY_OPERATORS, List.of(",", "}")));
    return new Expr.RecordLit(fields, new Span(start.start(), lastEnd()));
  }

  private Expr.StringLit string(List<String> expected) throws ScriptException {
    Token open = peek();
    TokenKind close;
    TokenKind part;
    if (open.is(TokenKind.DQUOTE)) {
      close = TokenKind.DQUOTE;
      part = TokenKind.STRING_PART;
    } else if (open.is(TokenKind.HEREDOC_START)) {
      close = TokenKind.HEREDOC_END;
      part = TokenKind.HEREDOC_PART;
    } else {
      throw unexpected(open, expected);
    }
    advance();
    List<Expr.StrPart> parts = new ArrayList<>();
    while (!at(close)) {
      Token t = peek();
      if (t.is(part)) {
        advance();
        parts.add(new Expr.Text(t.string()));
      } else if (t.is(TokenKind.INTERPOL)) {
        advance();
        Expr inner = binary(0, UNARY_START);
        expect(TokenKind.RBRACE, concat(BINARY_OPERATORS, List.of("}")));
        parts.add(new Expr.Interpolation(inner));
      } else {
        throw unexpected(t, List.of(close.terminal, part.terminal, "#{"));
      }
    }
    advance();
    return new Expr.StringLit(parts, new Span(open.start(), lastEnd()));
  }

  private Expr pathOrCall(List<String> expected) throws ScriptException {
    Token t = peek();
    if (t.is(TokenKind.IDENT)
        && (peek(1).is(TokenKind.LPAREN) || peek(1).is(TokenKind.COLON_COLON))) {
      List<String> module = new ArrayList<>();
      Token name = advance();
      while (accept(TokenKind.COLON_COLON)) {
        module.add(name.string());
        name = expect(TokenKind.IDENT, List.of("<ident>"));
      }
      if (!at(TokenKind.LPAREN)) {
        String qualified = String.join("::", module) + "::" + name.string();
        return pathSegments(Expr.Root.LOCAL, qualified, t);
      }
      advance();
      List<Expr> args = callArgs();
      return new Expr.Invoke(
          List.copyOf(module), name.string(), args, new Span(t.start(), lastEnd()));
    }
    return path(expected);
  }

  private Expr.Path path(List<String> expected) throws ScriptException {
    Token t = peek();
    Expr.Root root;
    String name = null;
    switch (t.kind()) {
      case EVENT -> root = Expr.Root.EVENT;
      case STATE -> root = Expr.Root.STATE;
      case ARGS -> root = Expr.Root.ARGS;
      case WINDOW -> root = Expr.Root.WINDOW;
      case GROUP -> root = Expr.Root.GROUP;
      case DOLLAR -> root = Expr.Root.META;
      case IDENT -> {
        root = Expr.Root.LOCAL;
        name = t.string();
      }
      default -> throw unexpected(t, expected);
    }
    advance();
    return pathSegments(root, name, t);
  }

  private Expr.Path pathSegments(Expr.Root root, String name, Token t) throws ScriptException {
    List<Expr.Segment> segments = new ArrayList<>();
    if (root == Expr.Root.META && at(TokenKind.IDENT)) {
      Token field = advance();
      segments.add(new Expr.FieldSegment(field.string(), field.span()));
    }
    while (true) {
      if (at(TokenKind.DOT)) {
        advance();
        Token field = expect(TokenKind.IDENT, List.of("<ident>"));
        segments.add(new Expr.FieldSegment(field.string(), field.span()));
      } else if (at(TokenKind.LBRACKET)) {
        advance();
        Expr from = complexImut();
        if (accept(TokenKind.COLON)) {
          Expr to = complexImut();
          segments.add(
              new Expr.RangeSegment(from, to, new Span(from.span().start(), to.span().end())));
        } else {
          segments.add(new Expr.ElementSegment(from, from.span()));
        }
        expect(TokenKind.RBRACKET, concat(BINARY_OPERATORS, List.of(":", "]")));
      } else {
        break;
      }
    }
    return new Expr.Path(root, name, -1, List.copyOf(segments), new Span(t.start(), lastEnd()));
  }

  /** {@code << part, ... >>}; a part is {@code value[:bits][/type]}. */
  private Expr binaryLiteral() throws ScriptException {
    Token start = advance();
    List<Expr.BinPart> parts = new ArrayList<>();
    while (!at(TokenKind.RSHIFT)) {
      Expr value = simpleImut(UNARY_SIMPLE_START);
      int bits = -1;
      if (accept(TokenKind.COLON)) {
        Token n = expect(TokenKind.INT, List.of("int"));
        bits =
            (int)
                Math.max(
                    Integer.MIN_VALUE,
                    Math.min(Integer.MAX_VALUE, ((io.quiver.value.Value.Int) n.value()).value()));
      }
      String type = "";
      if (accept(TokenKind.SLASH)) {
        StringBuilder t = new StringBuilder(expect(TokenKind.IDENT, List.of("<ident>")).string());
        while (at(TokenKind.MINUS) && peek(1).is(TokenKind.IDENT)) {
          advance();
          t.append('-').append(advance().string());
        }
        type = t.toString();
      }
      parts.add(
          new Expr.BinPart(
              value, bits, type, false, true, new Span(value.span().start(), lastEnd())));
      if (!accept(TokenKind.COMMA)) {
        break;
      }
    }
    expect(TokenKind.RSHIFT, List.of(",", ">>"));
    return new Expr.BinaryLit(parts, new Span(start.start(), lastEnd()));
  }

  private List<Expr> callArgs() throws ScriptException {
    List<Expr> args =
        commaSeparated(
            TokenKind.RPAREN, () -> complexImut(concat(COMPLEX_IMUT_START, List.of(")"))));
    expect(TokenKind.RPAREN, concat(BINARY_OPERATORS, List.of(")", ",")));
    return args;
  }

  // ------------------------------------------------------- for / patch / merge

  private Expr comprehension(boolean mutable) throws ScriptException {
    return nested(() -> comprehensionNested(mutable));
  }

  private Expr comprehensionNested(boolean mutable) throws ScriptException {
    Token start = advance();
    Expr target = complexImut();
    expect(TokenKind.OF, concat(BINARY_OPERATORS, List.of("of")));
    List<Expr.ForCase> cases = new ArrayList<>();
    do {
      Token caseStart = expect(TokenKind.CASE, List.of("case"));
      expect(TokenKind.LPAREN, List.of("("));
      Token k = expect(TokenKind.IDENT, List.of("<ident>"));
      expect(TokenKind.COMMA, List.of(","));
      Token v = expect(TokenKind.IDENT, List.of("<ident>"));
      expect(TokenKind.RPAREN, List.of(")"));
      Expr guard = null;
      if (accept(TokenKind.WHEN)) {
        guard = complexImut();
      }
      expect(TokenKind.EQ_ARROW, guard == null ? List.of("=>", "when") : List.of("=>"));
      List<Expr> body = new ArrayList<>();
      do {
        body.add(mutable ? expr(EXPR_START) : complexImut());
      } while (accept(TokenKind.COMMA));
      cases.add(
          new Expr.ForCase(
              k.string(), -1, v.string(), -1, guard, body, new Span(caseStart.start(), lastEnd())));
    } while (at(TokenKind.CASE));
    if (!at(TokenKind.END)) {
      List<String> expected = new ArrayList<>(BINARY_OPERATORS);
      expected.addAll(List.of(",", "case", "end"));
      throw unexpected(peek(), expected);
    }
    advance();
    return new Expr.For(target, cases, mutable, new Span(start.start(), lastEnd()));
  }

  private Expr patch() throws ScriptException {
    Token start = advance();
    Expr target = complexImut();
    expect(TokenKind.OF, concat(BINARY_OPERATORS, List.of("of")));
    List<Expr.PatchOp> ops = new ArrayList<>();
    do {
      Token op = peek();
      Expr.PatchKind kind =
          switch (op.kind()) {
            case INSERT -> Expr.PatchKind.INSERT;
            case UPSERT -> Expr.PatchKind.UPSERT;
            case UPDATE -> Expr.PatchKind.UPDATE;
            case ERASE -> Expr.PatchKind.ERASE;
            case MOVE -> Expr.PatchKind.MOVE;
            case COPY -> Expr.PatchKind.COPY;
            case MERGE -> Expr.PatchKind.MERGE;
            default ->
                throw unexpected(
                    op, List.of("copy", "erase", "insert", "merge", "move", "update", "upsert"));
          };
      advance();
      Expr key = null;
      Expr value = null;
      if (kind == Expr.PatchKind.MERGE && at(TokenKind.EQ_ARROW)) {
        kind = Expr.PatchKind.TUPLE_MERGE;
      } else {
        key = complexImut(); // Tremor's PatchField is any ComplexExprImut
      }
      if (kind != Expr.PatchKind.ERASE) {
        expect(TokenKind.EQ_ARROW, List.of("=>"));
        value = complexImut();
      }
      ops.add(new Expr.PatchOp(kind, key, value, new Span(op.start(), lastEnd())));
    } while (accept(TokenKind.COMMA));
    expect(TokenKind.END, concat(BINARY_OPERATORS, List.of(",", "end")));
    return new Expr.Patch(target, ops, new Span(start.start(), lastEnd()));
  }

  private Expr merge() throws ScriptException {
    Token start = advance();
    Expr target = complexImut();
    expect(TokenKind.OF, concat(BINARY_OPERATORS, List.of("of")));
    Expr value = complexImut();
    expect(TokenKind.END, concat(BINARY_OPERATORS, List.of("end")));
    return new Expr.Merge(target, value, new Span(start.start(), lastEnd()));
  }

  // ---------------------------------------------------- array/tuple patterns

  private Pattern.ArrayPattern arrayPattern() throws ScriptException {
    return bracketed(TokenKind.RBRACKET, this::patternItem, Pattern.ArrayPattern::new, false);
  }

  private Pattern.TuplePattern tuplePattern() throws ScriptException {
    Token start = advance();
    List<Pattern.Item> items = new ArrayList<>();
    boolean open = false;
    if (!at(TokenKind.RPAREN)) {
      do { // no trailing comma, as in Tremor; `...` closes an open tuple
        if (at(TokenKind.DOT) && peek(1).is(TokenKind.DOT) && peek(2).is(TokenKind.DOT)) {
          advance();
          advance();
          advance();
          open = true;
          break;
        }
        items.add(patternItem());
      } while (accept(TokenKind.COMMA));
    }
    expect(TokenKind.RPAREN, List.of(",", ")"));
    return new Pattern.TuplePattern(items, open, new Span(start.start(), lastEnd()));
  }

  private List<Pattern.Item> fnArgPatterns() throws ScriptException {
    List<Pattern.Item> items = commaSeparatedStrict(TokenKind.RPAREN, this::patternItem);
    expect(TokenKind.RPAREN, List.of(",", ")"));
    return items;
  }

  private Pattern.Item patternItem() throws ScriptException {
    Token t = peek();
    if (accept(TokenKind.DONT_CARE)) {
      return new Pattern.IgnoreItem(t.span());
    }
    if (accept(TokenKind.TILDE)) {
      return new Pattern.ExtractItem(extractor());
    }
    if (at(TokenKind.LPAT_BRACE)) {
      return new Pattern.RecordItem(recordPattern());
    }
    if (at(TokenKind.RBRACKET) || at(TokenKind.RPAREN)) { // after a comma: no trailing comma
      List<String> expected = new ArrayList<>(COMPLEX_IMUT_START);
      expected.addAll(List.of("%(", "%[", "%{", "_", "~"));
      throw unexpected(t, expected);
    }
    return new Pattern.ExprItem(complexImut());
  }

  /** {@code kind|spec|}: compiled here so bad rules fail at compile time. */
  private Pattern.Extractor extractor() throws ScriptException {
    Token id = expect(TokenKind.IDENT, List.of("<ident>"));
    Token rule = expect(TokenKind.EXTRACTOR, List.of("<extractor>"));
    Span span = new Span(id.start(), rule.end());
    try {
      Object compiled = Extractors.compile(id.string(), rule.string());
      return new Pattern.Extractor(id.string(), rule.string(), compiled, span);
    } catch (Extractors.ExtractorException e) {
      throw new ScriptException(
          source, Diagnostic.around(span, "Invalid tilde predicate pattern: " + e.getMessage()));
    }
  }

  // -------------------------------------------------------- fn / mod

  private Expr fnDecl() throws ScriptException {
    Token start = advance();
    Token name = expect(TokenKind.IDENT, List.of("<ident>"));
    expect(TokenKind.LPAREN, List.of("("));
    List<String> params = new ArrayList<>();
    boolean varargs = false;
    while (!at(TokenKind.RPAREN)) {
      if (at(TokenKind.DOT)) {
        expect(TokenKind.DOT);
        expect(TokenKind.DOT);
        expect(TokenKind.DOT);
        varargs = true;
        break;
      }
      params.add(expect(TokenKind.IDENT, List.of("<ident>", ")", ".")).string());
      if (!accept(TokenKind.COMMA)) {
        break;
      }
    }
    expect(TokenKind.RPAREN, List.of(",", ")"));
    if (accept(TokenKind.WITH)) {
      List<Expr> body = topExprs(TokenKind.END);
      expect(TokenKind.END, List.of("end"));
      Span span = new Span(start.start(), lastEnd());
      return new Expr.FnDecl(
          new Expr.Function(name.string(), params, varargs, body, null, span), span);
    }
    expect(TokenKind.OF, List.of("of", "with"));
    List<Expr.Clause> clauses = new ArrayList<>();
    while (at(TokenKind.CASE)) {
      Token cs = advance();
      Token ps = expect(TokenKind.LPAREN, List.of("("));
      List<Pattern.Item> items = fnArgPatterns();
      Pattern tuple = new Pattern.TuplePattern(items, false, new Span(ps.start(), lastEnd()));
      Expr guard = null;
      if (accept(TokenKind.WHEN)) {
        guard = complexImut();
      }
      expect(TokenKind.EQ_ARROW, guard == null ? List.of("=>", "when") : List.of("=>"));
      clauses.add(new Expr.Clause(tuple, guard, effectors(), new Span(cs.start(), lastEnd())));
    }
    Token def = expect(TokenKind.DEFAULT, List.of("case", "default"));
    expect(TokenKind.EQ_ARROW, List.of("=>"));
    clauses.add(
        new Expr.Clause(
            new Pattern.Default(def.span()), null, effectors(), new Span(def.start(), lastEnd())));
    expect(TokenKind.END, concat(BINARY_OPERATORS, List.of(",", "end")));
    Span span = new Span(start.start(), lastEnd());
    return new Expr.FnDecl(
        new Expr.Function(name.string(), params, false, null, clauses, span), span);
  }

  private List<Expr> effectors() throws ScriptException {
    List<Expr> body = new ArrayList<>();
    do {
      body.add(expr(EXPR_START));
    } while (accept(TokenKind.COMMA));
    return body;
  }

  /** The module a {@code use} names and the name it is known by ({@code as}, or its last part). */
  private record UsePath(List<String> segments, String alias) {}

  /** After {@code use}: {@code a::b [as c]}. */
  private UsePath usePath() throws ScriptException {
    List<String> segments = new ArrayList<>();
    segments.add(expect(TokenKind.IDENT, List.of("<ident>")).string());
    while (accept(TokenKind.COLON_COLON)) {
      segments.add(expect(TokenKind.IDENT, List.of("<ident>")).string());
    }
    String alias = segments.get(segments.size() - 1);
    if (accept(TokenKind.AS)) {
      alias = expect(TokenKind.IDENT, List.of("<ident>")).string();
    }
    return new UsePath(segments, alias);
  }

  /**
   * {@code use a::b [as c]} in a query: a {@code .trickle} module's definitions under {@code c::},
   * or a {@code .tremor} module as a script module {@code c}.
   */
  private List<Query.Stmt> queryUse() throws ScriptException {
    int mark = index;
    advance();
    UsePath target = usePath();
    java.util.Optional<ModulePath.Found> found = modules.locate(target.segments());
    if (found.isEmpty() || !found.get().file().toString().endsWith(".trickle")) {
      index = mark;
      Expr.Module m = (Expr.Module) use();
      return List.of(new Query.ScriptModule(m, m.span()));
    }
    Span span = new Span(tokens.get(mark).start(), lastEnd());
    String p = target.alias() + "::";
    return modules.load(
        found.get(),
        target.segments(),
        source,
        span,
        moduleSource -> {
          Parser inner = new Parser(moduleSource, Lexer.tokenize(moduleSource), modules);
          Query q = inner.query();
          List<Query.Stmt> out = new ArrayList<>();
          for (Query.Stmt st : q.statements()) {
            out.add(
                switch (st) {
                  case Query.DefineScript d ->
                      new Query.DefineScript(
                          p + d.id(), d.params(), d.body(), d.bodySpan(), d.span());
                  case Query.DefineOperator d ->
                      new Query.DefineOperator(
                          d.module(), d.operation(), p + d.id(), d.params(), d.span());
                  case Query.DefineWindow d ->
                      new Query.DefineWindow(
                          d.kind(), p + d.id(), d.params(), d.script(), d.span());
                  case Query.ScriptModule m ->
                      new Query.ScriptModule(
                          new Expr.Module(target.alias(), List.of(m.module()), m.module().span()),
                          m.span());
                  default -> st;
                });
          }
          return out;
        });
  }

  /** {@code use a::b [as c]}: the module file's content as {@code mod c with ... end}. */
  private Expr use() throws ScriptException {
    Token start = advance();
    UsePath target = usePath();
    Span span = new Span(start.start(), lastEnd());
    java.util.Optional<ModulePath.Found> located = modules.locate(target.segments());
    if (located.isEmpty()) {
      java.util.Optional<Expr.Module> builtin =
          BuiltinModules.find(target.segments(), target.alias(), span);
      if (builtin.isPresent()) {
        return builtin.get();
      }
      throw modules.notFound(source, target.segments(), span);
    }
    return modules.load(
        located.get(),
        target.segments(),
        source,
        span,
        moduleSource -> {
          Parser inner = new Parser(moduleSource, Lexer.tokenize(moduleSource), modules);
          List<Expr> body = new ArrayList<>();
          while (!inner.at(TokenKind.EOS)) {
            body.add(inner.topExpr(List.of("const", "fn", "intrinsic", "mod", "use")));
            if (!inner.accept(TokenKind.SEMI)) {
              break;
            }
          }
          inner.expect(TokenKind.EOS, List.of(";", "<end-of-stream>"));
          return new Expr.Module(target.alias(), body, span, moduleSource);
        });
  }

  private Expr intrinsic() throws ScriptException {
    Token start = advance();
    expect(TokenKind.FN, List.of("fn"));
    Token name = expect(TokenKind.IDENT, List.of("<ident>"));
    expect(TokenKind.LPAREN, List.of("("));
    while (!at(TokenKind.RPAREN) && !at(TokenKind.EOS)) {
      advance();
    }
    expect(TokenKind.RPAREN, List.of(")"));
    expect(TokenKind.AS, List.of("as"));
    List<String> module = new ArrayList<>();
    Token fn = expect(TokenKind.IDENT, List.of("<ident>"));
    while (accept(TokenKind.COLON_COLON)) {
      module.add(fn.string());
      fn = expect(TokenKind.IDENT, List.of("<ident>"));
    }
    return new Expr.Intrinsic(
        name.string(), List.copyOf(module), fn.string(), new Span(start.start(), lastEnd()));
  }

  private Expr module() throws ScriptException {
    return nested(this::moduleNested);
  }

  private Expr moduleNested() throws ScriptException {
    Token start = advance();
    Token name = expect(TokenKind.IDENT, List.of("<ident>"));
    expect(TokenKind.WITH, List.of("with"));
    List<Expr> body = new ArrayList<>();
    while (!at(TokenKind.END)) {
      body.add(topExpr(List.of("const", "fn", "intrinsic", "mod", "end")));
      if (!accept(TokenKind.SEMI)) {
        break;
      }
    }
    expect(TokenKind.END, List.of(";", "end"));
    return new Expr.Module(name.string(), body, new Span(start.start(), lastEnd()));
  }

  // ------------------------------------------------------------------ queries

  private Query query() throws ScriptException {
    List<Query.WithArg> config = new ArrayList<>();
    while (at(TokenKind.CONFIG_DIRECTIVE)) {
      advance();
      config.add(withArg());
    }
    List<Query.Stmt> stmts = new ArrayList<>();
    statements(
        () -> {
          if (at(TokenKind.USE)) {
            stmts.addAll(queryUse());
          } else if (at(TokenKind.MOD_KW)) {
            stmts.addAll(nested(() -> queryModule("")));
          } else {
            stmts.add(statement());
          }
        },
        List.of(";", TokenKind.EOS.terminal));
    return new Query(config, stmts);
  }

  /**
   * {@code mod name with ... end} in a query: as Tremor's {@code ModuleInnerStmt}, besides consts,
   * functions and nested modules it may {@code define} windows, operators and scripts, which are
   * then known as {@code outer::name::id} ({@code in[name::w]}, {@code create script s from
   * name::s}). The definitions come first, then the module's consts and functions as a script
   * module.
   */
  private List<Query.Stmt> queryModule(String outer) throws ScriptException {
    Token start = advance();
    Token name = expect(TokenKind.IDENT, List.of("<ident>"));
    expect(TokenKind.WITH, List.of("with"));
    String prefix = outer + name.string() + "::";
    List<Query.Stmt> definitions = new ArrayList<>();
    List<Expr> body = new ArrayList<>();
    while (!at(TokenKind.END)) {
      if (at(TokenKind.DEFINE)) {
        definitions.add(prefixed(define(), prefix));
      } else if (at(TokenKind.MOD_KW)) {
        for (Query.Stmt st : nested(() -> queryModule(prefix))) {
          if (st instanceof Query.ScriptModule m) {
            body.add(m.module());
          } else {
            definitions.add(st);
          }
        }
      } else {
        body.add(topExpr(List.of("const", "define", "end", "fn", "intrinsic", "mod")));
      }
      if (!accept(TokenKind.SEMI)) {
        break;
      }
    }
    expect(TokenKind.END, List.of(";", "end"));
    Span span = new Span(start.start(), lastEnd());
    List<Query.Stmt> out = new ArrayList<>(definitions);
    out.add(new Query.ScriptModule(new Expr.Module(name.string(), body, span), span));
    return out;
  }

  /** A definition of a module, under its qualified name. */
  private static Query.Stmt prefixed(Query.Stmt st, String prefix) {
    return switch (st) {
      case Query.DefineScript d ->
          new Query.DefineScript(prefix + d.id(), d.params(), d.body(), d.bodySpan(), d.span());
      case Query.DefineOperator d ->
          new Query.DefineOperator(
              d.module(), d.operation(), prefix + d.id(), d.params(), d.span());
      case Query.DefineWindow d ->
          new Query.DefineWindow(d.kind(), prefix + d.id(), d.params(), d.script(), d.span());
      default -> st;
    };
  }

  private Query.WithArg withArg() throws ScriptException {
    Token name = expect(TokenKind.IDENT, List.of("<ident>"));
    expect(TokenKind.EQ, List.of("="));
    Expr value = binary(0, UNARY_START);
    return new Query.WithArg(name.string(), value, new Span(name.start(), value.span().end()));
  }

  private List<Query.WithArg> withArgs() throws ScriptException {
    List<Query.WithArg> args = new ArrayList<>();
    while (at(TokenKind.IDENT)) {
      args.add(withArg());
      if (!accept(TokenKind.COMMA)) {
        break;
      }
    }
    return args;
  }

  private Query.Stmt statement() throws ScriptException {
    Token start = peek();
    switch (start.kind()) {
      case SELECT:
        return select();
      case CREATE:
        return create();
      case DEFINE:
        return define();
      default:
        throw unexpected(start, STMT_START);
    }
  }

  private Query.Stmt select() throws ScriptException {
    Token start = advance();
    Expr target = complexImut();
    expect(TokenKind.FROM, concat(BINARY_OPERATORS, List.of("from")));
    Query.StreamRef from = streamRef();
    List<String> windows = new ArrayList<>();
    if (accept(TokenKind.LBRACKET)) {
      // Tremor's Sep: one window or more, a trailing comma allowed
      while (true) {
        windows.add(modularTarget());
        if (!accept(TokenKind.COMMA) || at(TokenKind.RBRACKET)) {
          break;
        }
        if (!at(TokenKind.IDENT)) {
          throw unexpected(peek(), List.of("<ident>", "]"));
        }
      }
      expect(TokenKind.RBRACKET, List.of(",", "]"));
    }
    Expr where = null;
    if (accept(TokenKind.WHERE)) {
      where = complexImut();
    }
    Query.GroupBy groupBy = null;
    if (at(TokenKind.GROUP)) {
      advance();
      expect(TokenKind.BY, List.of("by"));
      groupBy = groupBy();
    }
    expect(TokenKind.INTO, List.of("group", "into", "where"));
    Query.StreamRef into = streamRef();
    Expr having = null;
    if (accept(TokenKind.HAVING)) {
      having = complexImut();
    }
    return new Query.Select(
        target, from, windows, where, groupBy, into, having, new Span(start.start(), lastEnd()));
  }

  private Query.GroupBy groupBy() throws ScriptException {
    Token start = peek();
    if (accept(TokenKind.SET)) {
      expect(TokenKind.LPAREN, List.of("("));
      List<Query.GroupBy> items = new ArrayList<>();
      do { // Tremor's Sep: one item or more, a trailing comma allowed
        items.add(groupBy());
      } while (accept(TokenKind.COMMA) && !at(TokenKind.RPAREN));
      expect(TokenKind.RPAREN, List.of(",", ")"));
      return new Query.GroupBySet(items, new Span(start.start(), lastEnd()));
    }
    if (accept(TokenKind.EACH)) {
      expect(TokenKind.LPAREN, List.of("("));
      Expr e = complexImut();
      expect(TokenKind.RPAREN, concat(BINARY_OPERATORS, List.of(")")));
      return new Query.GroupByEach(e, new Span(start.start(), lastEnd()));
    }
    Expr e = complexImut();
    return new Query.GroupByExpr(e, e.span());
  }

  private Query.StreamRef streamRef() throws ScriptException {
    Token node = expect(TokenKind.IDENT, List.of("<ident>"));
    String port = null;
    if (accept(TokenKind.SLASH)) {
      port = expect(TokenKind.IDENT, List.of("<ident>")).string();
    }
    return new Query.StreamRef(node.string(), node.span(), port, new Span(node.start(), lastEnd()));
  }

  private String modularTarget() throws ScriptException {
    StringBuilder name = new StringBuilder(expect(TokenKind.IDENT, List.of("<ident>")).string());
    while (accept(TokenKind.COLON_COLON)) {
      name.append("::").append(expect(TokenKind.IDENT, List.of("<ident>")).string());
    }
    return name.toString();
  }

  private Query.Stmt create() throws ScriptException {
    Token start = advance();
    Token kind = peek();
    switch (kind.kind()) {
      case STREAM -> {
        advance();
        Token id = expect(TokenKind.IDENT, List.of("<ident>"));
        return new Query.CreateStream(id.string(), new Span(start.start(), lastEnd()));
      }
      case SCRIPT, OPERATOR -> {
        advance();
        Token id = expect(TokenKind.IDENT, List.of("<ident>"));
        String target = id.string();
        if (accept(TokenKind.FROM)) {
          target = modularTarget();
        }
        List<Query.WithArg> params = List.of();
        if (accept(TokenKind.WITH)) {
          params = withArgs();
          expect(TokenKind.END, List.of(",", "end"));
        }
        Span span = new Span(start.start(), lastEnd());
        return kind.is(TokenKind.SCRIPT)
            ? new Query.CreateScript(id.string(), target, params, span)
            : new Query.CreateOperator(id.string(), target, params, span);
      }
      default -> throw unexpected(kind, List.of("operator", "script", "stream"));
    }
  }

  private Query.Stmt define() throws ScriptException {
    Token start = advance();
    Token kind = peek();
    switch (kind.kind()) {
      case SCRIPT -> {
        advance();
        Token id = expect(TokenKind.IDENT, List.of("<ident>"));
        List<Query.WithArg> params = List.of();
        if (accept(TokenKind.WITH)) {
          params = withArgs();
        }
        Token body = expect(TokenKind.SCRIPT, List.of(",", "script", "with"));
        List<Expr> exprs = topExprs(TokenKind.END);
        expect(TokenKind.END, List.of("end"));
        return new Query.DefineScript(
            id.string(),
            params,
            exprs,
            new Span(body.start(), lastEnd()),
            new Span(start.start(), lastEnd()));
      }
      case TUMBLING, SLIDING -> {
        advance();
        expect(TokenKind.WINDOW, List.of("window"));
        Token id = expect(TokenKind.IDENT, List.of("<ident>"));
        expect(TokenKind.WITH, List.of("with"));
        List<Query.WithArg> params = withArgs();
        List<Expr> script = null;
        if (accept(TokenKind.SCRIPT)) {
          script = topExprs(TokenKind.END);
          expect(TokenKind.END, List.of("end"));
        } else {
          expect(TokenKind.END, List.of(",", "end", "script"));
        }
        return new Query.DefineWindow(
            kind.text(), id.string(), params, script, new Span(start.start(), lastEnd()));
      }
      case IDENT -> {
        Token module = advance();
        expect(TokenKind.COLON_COLON, List.of("::"));
        Token op = expect(TokenKind.IDENT, List.of("<ident>"));
        expect(TokenKind.OPERATOR, List.of("operator"));
        Token id = expect(TokenKind.IDENT, List.of("<ident>"));
        List<Query.WithArg> params = List.of();
        if (accept(TokenKind.WITH)) {
          params = withArgs();
          expect(TokenKind.END, List.of(",", "end"));
        }
        return new Query.DefineOperator(
            module.string(), op.string(), id.string(), params, new Span(start.start(), lastEnd()));
      }
      default -> throw unexpected(kind, List.of("<ident>", "script", "sliding", "tumbling"));
    }
  }
}
