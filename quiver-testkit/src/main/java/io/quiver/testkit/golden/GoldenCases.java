package io.quiver.testkit.golden;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.tukaani.xz.XZInputStream;

/**
 * Golden-file suites in Tremor's fixture layout: a suite is a directory of case directories ({@code
 * <suite>/<case>/}), each holding its input and expected files. This class finds the cases (sorted;
 * a directory starting with {@code _} is skipped), turns each into a JUnit dynamic test, reads the
 * files and compares what a case produced with what its files expect. What a case runs is the
 * caller's ({@link CaseRunner}).
 *
 * <p>Tremor's own suites are not committed here: with {@code -Dquiver.tremor.tests=<tremor-runtime
 * checkout>/tests} {@link #external} runs them too, otherwise it produces nothing.
 */
public final class GoldenCases {
  /** The system property naming a tremor-runtime checkout's {@code tests} directory. */
  public static final String EXTERNAL = "quiver.tremor.tests";

  /** Runs one case, given its directory; throws (an assertion error) when it fails. */
  @FunctionalInterface
  public interface CaseRunner {
    void run(Path dir) throws Exception;
  }

  private GoldenCases() {}

  /** A suite directory on the class path of {@code anchor} ({@code /name}, test resources). */
  public static Path resource(Class<?> anchor, String name) {
    URL url = anchor.getResource("/" + name);
    if (url == null) {
      throw new IllegalArgumentException("no suite /" + name + " on the class path");
    }
    try {
      return Path.of(url.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The cases of a suite, each named after its directory. */
  public static Stream<DynamicNode> cases(Path suite, CaseRunner runner) {
    return cases(suite, runner, "");
  }

  /** The cases of a suite, named {@code prefix + directory name}. */
  public static Stream<DynamicNode> cases(Path suite, CaseRunner runner, String prefix) {
    return caseDirectories(suite).stream()
        .map(
            d ->
                DynamicTest.dynamicTest(
                    prefix + d.getFileName().toString(), d.toUri(), () -> runner.run(d)));
  }

  /** The case directories of a suite, sorted, without those whose name starts with {@code _}. */
  public static List<Path> caseDirectories(Path suite) {
    try (Stream<Path> dirs = Files.list(suite)) {
      return dirs.filter(Files::isDirectory)
          .filter(d -> !d.getFileName().toString().startsWith("_"))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The {@code tests} directory of a tremor-runtime checkout, when {@link #EXTERNAL} names one. */
  public static Optional<Path> externalRoot() {
    String root = System.getProperty(EXTERNAL);
    return root == null || root.isBlank() ? Optional.empty() : Optional.of(Path.of(root));
  }

  /** Whether {@code dir} belongs to Tremor's own suites (under {@link #externalRoot()}). */
  public static boolean isExternal(Path dir) {
    return externalRoot().map(dir::startsWith).orElse(false);
  }

  /** Tremor's suite of that name as one container {@code tremor/<suite>}, or nothing. */
  public static Stream<DynamicNode> external(String suite, CaseRunner runner) {
    return externalRoot().stream()
        .map(
            root ->
                DynamicContainer.dynamicContainer(
                    "tremor/" + suite,
                    cases(root.resolve(suite), runner, "tremor:" + suite + ":")));
  }

  public static String read(Path file) throws IOException {
    return Files.readString(file, StandardCharsets.UTF_8);
  }

  /**
   * The non-blank lines of a file (one JSON value each in an NDJSON file); when the file is absent
   * and {@code <file>.xz} exists, the lines of that, decompressed.
   */
  public static List<String> lines(Path file) throws IOException {
    String text;
    Path xz = file.resolveSibling(file.getFileName() + ".xz");
    if (!Files.exists(file) && Files.exists(xz)) {
      try (InputStream in = new XZInputStream(Files.newInputStream(xz))) {
        text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
    } else {
      text = read(file);
    }
    List<String> lines = new ArrayList<>();
    for (String line : text.split("\n")) {
      if (!line.isBlank()) {
        lines.add(line);
      }
    }
    return lines;
  }

  /** {@code actual} equals the file's text, both trimmed. */
  public static void expectText(Path file, String actual) throws IOException {
    assertThat(actual.trim()).isEqualTo(read(file).trim());
  }

  /**
   * An expected error: when the case has {@code error.re}, that regex must be found in {@code
   * message}; otherwise {@code rendered} must equal {@code error.txt} (both trimmed).
   */
  public static void expectError(Path dir, String rendered, String message) {
    try {
      Path re = dir.resolve("error.re");
      if (Files.exists(re)) {
        String regex = read(re).trim();
        assertThat(Pattern.compile(regex).matcher(message).find())
            .as("%s ~ %s", message, regex)
            .isTrue();
      } else {
        expectText(dir.resolve("error.txt"), rendered);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
