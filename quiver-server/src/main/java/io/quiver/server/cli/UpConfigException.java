package io.quiver.server.cli;

import java.util.List;

/**
 * {@code up.yaml} (or the folder given to {@code quiver up}) is not usable; says every problem
 * found.
 */
public final class UpConfigException extends Exception {
  private static final long serialVersionUID = 1L;

  private final transient List<String> problems;

  public UpConfigException(List<String> problems) {
    super(String.join("\n", problems));
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}
