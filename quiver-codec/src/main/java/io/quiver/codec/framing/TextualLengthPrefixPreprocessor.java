package io.quiver.codec.framing;

import io.quiver.codec.NamedPreprocessorProvider;
import io.quiver.spi.ProcessorException;
import java.nio.charset.StandardCharsets;

/**
 * Tremor's {@code textual-length-prefix} preprocessor (RFC 5425 octet counting): frames of {@code
 * <decimal length><one ASCII whitespace><payload>}, split across chunks as they come.
 *
 * <p>The length must fit an unsigned 32-bit integer as in Tremor, and (a Quiver limit) must not
 * exceed {@code maxFrame}. A bad length fails the chunk and discards the buffered bytes, since the
 * stream cannot be resynchronised.
 */
public final class TextualLengthPrefixPreprocessor extends LengthHeaderPreprocessor {
  public static final String NAME = "textual-length-prefix";

  /** The largest frame accepted by the registered preprocessor (256 MiB). */
  public static final int DEFAULT_MAX_FRAME = 256 * 1024 * 1024;

  /** Digits of u32::MAX plus a sign: a longer prefix can never be valid. */
  private static final int MAX_PREFIX = 11;

  public TextualLengthPrefixPreprocessor(int maxFrame) {
    super(maxFrame);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  long readHeader() throws ProcessorException {
    int space = whitespaceIndex();
    if (space < 0) {
      if (buffer.length() > MAX_PREFIX) {
        fail(prefixText(Math.min(buffer.length(), 20)), "no whitespace after the length");
      }
      return -1;
    }
    long length = parseLength(prefixText(space));
    buffer.skip(space + 1);
    return length;
  }

  private int whitespaceIndex() {
    int n = Math.min(buffer.length(), MAX_PREFIX + 1);
    for (int i = 0; i < n; i++) {
      byte b = buffer.at(i);
      if (b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == '\f') {
        return i;
      }
    }
    return -1;
  }

  private String prefixText(int n) {
    byte[] bytes = new byte[n];
    for (int i = 0; i < n; i++) {
      bytes[i] = buffer.at(i);
    }
    return new String(bytes, StandardCharsets.UTF_8);
  }

  /** Rust's {@code u32::from_str}: an optional '+', then ASCII digits. */
  private long parseLength(String prefix) throws ProcessorException {
    String digits = prefix.startsWith("+") ? prefix.substring(1) : prefix;
    if (digits.isEmpty()) {
      fail(prefix, "cannot parse integer from empty string");
    }
    long value = 0;
    for (int i = 0; i < digits.length(); i++) {
      char c = digits.charAt(i);
      if (c < '0' || c > '9') {
        fail(prefix, "invalid digit found in string");
      }
      value = value * 10 + (c - '0');
      if (value > 0xFFFF_FFFFL) {
        fail(prefix, "number too large to fit in target type");
      }
    }
    if (value > maxFrame) {
      fail(prefix, "exceeds the maximum frame length of " + maxFrame + " bytes");
    }
    return value;
  }

  private void fail(String prefix, String reason) throws ProcessorException {
    int discarded = discard();
    throw new ProcessorException(
        "Preprocessor textual-length-prefix: invalid length \""
            + prefix
            + "\": "
            + reason
            + "; "
            + discarded
            + " buffered bytes discarded (expected <length> <payload>, RFC 5425)");
  }

  /** Registers the preprocessor as {@value #NAME}. */
  public static final class Provider extends NamedPreprocessorProvider {
    public Provider() {
      super(NAME, () -> new TextualLengthPrefixPreprocessor(DEFAULT_MAX_FRAME));
    }
  }
}
