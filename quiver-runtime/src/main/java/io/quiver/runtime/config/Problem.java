package io.quiver.runtime.config;

/** One configuration problem, reported with its place: {@code config.yaml:12:5: message}. */
public record Problem(Location location, String message) {
  @Override
  public String toString() {
    return location + ": " + message;
  }
}
