package io.quiver.codec.framing;

import io.quiver.codec.NamedPreprocessorProvider;
import io.quiver.spi.Preprocessor;
import io.quiver.spi.ProcessorException;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * Tremor's {@code base64} preprocessor: decodes each chunk as standard base64 (RFC 4648 alphabet,
 * up to two padding characters, which may be left out; no whitespace). Errors name the offending
 * byte like Rust's base64 crate: {@code Invalid byte 33, offset 3.}, {@code Encoded text cannot
 * have a 6-bit remainder.}, {@code Invalid last symbol 82, offset 1.} (bits beyond the last byte
 * must be zero).
 */
public final class Base64Preprocessor implements Preprocessor {
  public static final String NAME = "base64";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public void process(byte[] data, long ingestNs, List<byte[]> out) throws ProcessorException {
    int end = data.length;
    int padding = 0;
    while (end > 0 && data[end - 1] == '=' && padding < 2) {
      end--;
      padding++;
    }
    for (int i = 0; i < end; i++) {
      if (!isAlphabet(data[i])) {
        throw new ProcessorException("Invalid byte " + (data[i] & 0xFF) + ", offset " + i + ".");
      }
    }
    if (end % 4 == 1) {
      throw new ProcessorException("Encoded text cannot have a 6-bit remainder.");
    }
    int unusedBits = end % 4 == 2 ? 4 : end % 4 == 3 ? 2 : 0;
    if (unusedBits > 0 && (sextet(data[end - 1]) & ((1 << unusedBits) - 1)) != 0) {
      // a non-canonical encoding: the bits past the last byte must be zero
      throw new ProcessorException(
          "Invalid last symbol " + (data[end - 1] & 0xFF) + ", offset " + (end - 1) + ".");
    }
    try {
      out.add(Base64.getDecoder().decode(end == data.length ? data : Arrays.copyOf(data, end)));
    } catch (IllegalArgumentException e) {
      throw new ProcessorException("Invalid base64 data: " + e.getMessage());
    }
  }

  private static int sextet(byte b) {
    if (b >= 'A' && b <= 'Z') {
      return b - 'A';
    }
    if (b >= 'a' && b <= 'z') {
      return b - 'a' + 26;
    }
    if (b >= '0' && b <= '9') {
      return b - '0' + 52;
    }
    return b == '+' ? 62 : 63;
  }

  private static boolean isAlphabet(byte b) {
    return (b >= 'A' && b <= 'Z')
        || (b >= 'a' && b <= 'z')
        || (b >= '0' && b <= '9')
        || b == '+'
        || b == '/';
  }

  /** Registers the preprocessor as {@value #NAME}. */
  public static final class Provider extends NamedPreprocessorProvider {
    public Provider() {
      super(NAME, Base64Preprocessor::new);
    }
  }
}
