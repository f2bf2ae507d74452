package io.quiver.server.lang;

import io.quiver.value.Json;
import io.quiver.value.JsonException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * Runs Quiver's JSON reader over the parsing cases of nst/JSONTestSuite ({@code test_parsing/}):
 * {@code y_*.json} must be accepted, {@code n_*.json} rejected with an error, {@code i_*.json} may
 * go either way (which way is reported). An exception other than the reader's own error, a {@link
 * StackOverflowError} or a case that does not finish in time is a failure in every category; the
 * runner catches them so that one case cannot stop the others.
 */
final class JsonSuite {
  /** What the reader did with one file. */
  enum Outcome {
    ACCEPTED,
    REJECTED,
    CRASHED,
    HUNG
  }

  /** One case: its file name, what happened, and the error text or exception. */
  record Result(String name, Outcome outcome, String detail) {
    char category() {
      return name.charAt(0);
    }

    /** Whether the outcome is what the suite expects for the case's category. */
    boolean passed() {
      return switch (category()) {
        case 'y' -> outcome == Outcome.ACCEPTED;
        case 'n' -> outcome == Outcome.REJECTED;
        default -> outcome == Outcome.ACCEPTED || outcome == Outcome.REJECTED;
      };
    }
  }

  private final long timeoutMs;

  JsonSuite(long timeoutMs) {
    this.timeoutMs = timeoutMs;
  }

  /** The case files of {@code dir} (y_, n_ and i_ files ending in .json), by name. */
  static List<Path> cases(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .filter(
              f -> {
                String n = f.getFileName().toString();
                return n.endsWith(".json")
                    && (n.startsWith("y_") || n.startsWith("n_") || n.startsWith("i_"));
              })
          .sorted()
          .toList();
    }
  }

  List<Result> run(List<Path> files) throws IOException {
    List<Result> results = new ArrayList<>(files.size());
    for (Path f : files) {
      results.add(run(f.getFileName().toString(), Files.readAllBytes(f)));
    }
    return results;
  }

  /**
   * Parses one document on a thread of its own, so that a hang or a stack overflow is contained.
   */
  Result run(String name, byte[] document) {
    FutureTask<Result> task = new FutureTask<>(() -> parse(name, document));
    Thread t = new Thread(task, "json-suite " + name);
    t.setDaemon(true); // a case that hangs must not keep the JVM alive
    t.start();
    try {
      return task.get(timeoutMs, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      task.cancel(true);
      return new Result(name, Outcome.HUNG, "no result within " + timeoutMs + " ms");
    } catch (ExecutionException e) {
      return new Result(name, Outcome.CRASHED, String.valueOf(e.getCause()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Result(name, Outcome.HUNG, "interrupted");
    }
  }

  private static Result parse(String name, byte[] document) {
    try {
      Json.parse(document);
      return new Result(name, Outcome.ACCEPTED, "");
    } catch (JsonException e) {
      return new Result(name, Outcome.REJECTED, e.getMessage());
    } catch (StackOverflowError e) {
      // only here, in the runner: the reader itself must bound its nesting
      return new Result(name, Outcome.CRASHED, "StackOverflowError");
    } catch (RuntimeException e) {
      return new Result(name, Outcome.CRASHED, e.toString());
    }
  }
}
