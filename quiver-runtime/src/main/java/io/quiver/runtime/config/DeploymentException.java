package io.quiver.runtime.config;

import java.util.List;
import java.util.stream.Collectors;

/** A deployment could not be loaded or started; carries every problem found. */
public final class DeploymentException extends Exception {
  private static final long serialVersionUID = 1L;

  private final transient List<Problem> problems;

  public DeploymentException(List<Problem> problems) {
    super(problems.stream().map(Problem::toString).collect(Collectors.joining("\n")));
    this.problems = List.copyOf(problems);
  }

  public List<Problem> problems() {
    return problems;
  }
}
