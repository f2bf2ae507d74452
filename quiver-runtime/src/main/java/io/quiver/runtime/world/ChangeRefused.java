package io.quiver.runtime.world;

import io.quiver.runtime.config.Problem;
import java.util.List;

/**
 * A change to a running deployment that was refused; the deployment is as it was. The {@link
 * Reason} says why in the terms of Tremor's artefact repository (src/errors.rs), so the REST API
 * can answer with Tremor's status and text.
 */
public final class ChangeRefused extends Exception {
  private static final long serialVersionUID = 1L;

  /** Why a change was refused. */
  public enum Reason {
    /** No artefact or binding instance of that id. */
    NOT_FOUND,
    /** An artefact or binding instance of that id exists already. */
    ALREADY_EXISTS,
    /** The artefact still has running instances. */
    HAS_INSTANCES,
    /** System artefacts cannot be unpublished. */
    SYSTEM_ARTEFACT,
    /** A pipeline published without {@code #!config id}. */
    NO_ID,
    /** The artefact or mapping has problems: the same ones loading it from a file reports. */
    INVALID
  }

  private final Reason reason;
  private final transient List<Problem> problems;

  public ChangeRefused(Reason reason, String message) {
    this(reason, message, List.of());
  }

  public ChangeRefused(Reason reason, String message, List<Problem> problems) {
    super(message);
    this.reason = reason;
    this.problems = List.copyOf(problems);
  }

  /** Refused for the problems found, each rendered {@code file:line:column: message}. */
  static ChangeRefused invalid(List<Problem> problems) {
    return new ChangeRefused(
        Reason.INVALID,
        String.join("\n", problems.stream().map(Problem::toString).toList()),
        problems);
  }

  public Reason reason() {
    return reason;
  }

  /** The problems of an {@link Reason#INVALID} change, as loading reports them. */
  public List<Problem> problems() {
    return problems;
  }
}
