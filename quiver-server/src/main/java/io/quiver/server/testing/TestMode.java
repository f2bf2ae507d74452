package io.quiver.server.testing;

import java.util.Locale;

/** What {@code quiver test MODE} runs; a suite runs when its {@code meta.json} kind matches. */
public enum TestMode {
  ALL,
  BENCH,
  COMMAND,
  INTEGRATION,
  UNIT;

  /** The report key and system tag of a suite kind ({@code bench}, {@code integration}, ...). */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Whether running {@code this} mode runs a suite of kind {@code kind}. */
  public boolean runs(TestMode kind) {
    return this == ALL || this == kind;
  }

  /**
   * Parses a mode as Tremor does, case-insensitively, with its aliases: {@code api} and {@code
   * rest} are {@code command}, {@code benchmark} is {@code bench}, {@code it} is {@code
   * integration}.
   */
  public static TestMode parse(String text) {
    return switch (text.toLowerCase(Locale.ROOT)) {
      case "all" -> ALL;
      case "api", "command", "rest" -> COMMAND;
      case "bench", "benchmark" -> BENCH;
      case "it", "integration" -> INTEGRATION;
      case "unit" -> UNIT;
      default ->
          throw new IllegalArgumentException(
              "Unknown test kind `"
                  + text
                  + "`, please choose one of `all`, `api`, `bench`, `command`, `integration`,"
                  + " `rest`, or `unit`");
    };
  }
}
