package io.quiver.testkit.golden;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZOutputStream;

class GoldenCasesTest {
  @TempDir Path suite;

  @Test
  void casesAreTheSortedDirectoriesWithoutUnderscoreOnes() throws IOException {
    Files.createDirectories(suite.resolve("b"));
    Files.createDirectories(suite.resolve("a"));
    Files.createDirectories(suite.resolve("_disabled"));
    Files.writeString(suite.resolve("not-a-case.txt"), "");
    List<String> names =
        GoldenCases.cases(suite, dir -> {}, "p:").map(DynamicNode::getDisplayName).toList();
    assertThat(names).containsExactly("p:a", "p:b");
  }

  @Test
  void linesSkipBlanksAndReadXzWhenThePlainFileIsAbsent() throws IOException {
    Files.writeString(suite.resolve("in"), "1\n\n  \n2\n");
    assertThat(GoldenCases.lines(suite.resolve("in"))).containsExactly("1", "2");
    try (OutputStream out =
        new XZOutputStream(Files.newOutputStream(suite.resolve("out.xz")), new LZMA2Options())) {
      out.write("{\"a\":1}\n".getBytes(StandardCharsets.UTF_8));
    }
    assertThat(GoldenCases.lines(suite.resolve("out"))).containsExactly("{\"a\":1}");
  }

  @Test
  void anErrorMatchesItsRegexWhenThereIsOneElseTheTrimmedText() throws IOException {
    Path re = Files.createDirectories(suite.resolve("re"));
    Files.writeString(re.resolve("error.re"), "bad \\w+\n");
    GoldenCases.expectError(re, "ignored", "a bad token here");
    assertThatThrownBy(() -> GoldenCases.expectError(re, "ignored", "fine"))
        .isInstanceOf(AssertionError.class);

    Path txt = Files.createDirectories(suite.resolve("txt"));
    Files.writeString(txt.resolve("error.txt"), "Error: boom\n");
    GoldenCases.expectError(txt, "  Error: boom", "message ignored");
    assertThatThrownBy(() -> GoldenCases.expectError(txt, "Error: bang", "x"))
        .isInstanceOf(AssertionError.class);
  }

  @Test
  void withoutTheSystemPropertyTremorsSuitesAreEmpty() {
    org.junit.jupiter.api.Assumptions.assumeTrue(System.getProperty(GoldenCases.EXTERNAL) == null);
    assertThat(GoldenCases.external("scripts", dir -> {})).isEmpty();
    assertThat(GoldenCases.isExternal(suite)).isFalse();
  }
}
