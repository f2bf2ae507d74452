package io.quiver.script;

import io.quiver.value.Value;

/**
 * One token. {@code text} is how Tremor displays the token in messages ({@code Found the token
 * `text`}); {@code value} carries literal values (numbers, booleans) and {@code string} the decoded
 * text of identifiers, string parts and extractors.
 */
public record Token(TokenKind kind, String text, String string, Value value, Span span) {

  public Position start() {
    return span.start();
  }

  public Position end() {
    return span.end();
  }

  public boolean is(TokenKind k) {
    return kind == k;
  }
}
