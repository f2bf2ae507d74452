package io.quiver.spi;

import java.util.List;

/**
 * A preprocessor refused parts of a chunk but kept the rest: unlike a plain {@link
 * ProcessorException}, what it appended to its output before throwing stands, and each message here
 * becomes one error of its own (e.g. one per line over the {@code lines} limit), so the sender of a
 * refused part is answered and the parts that were fine still go on.
 */
public final class RejectedInputException extends ProcessorException {
  private static final long serialVersionUID = 1L;

  private final transient List<String> rejections;

  public RejectedInputException(List<String> rejections) {
    super(String.join("; ", rejections));
    if (rejections.isEmpty()) {
      throw new IllegalArgumentException("nothing rejected");
    }
    this.rejections = List.copyOf(rejections);
  }

  /** One message per refused part, in input order. */
  public List<String> rejections() {
    return rejections;
  }
}
