package io.quiver.server.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quiver.server.testing.AssertSpec.FileAssert;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AssertsTest {
  @TempDir Path cwd;
  @TempDir Path base;
  Path out;
  Path err;

  @BeforeEach
  void logs() throws Exception {
    out = Files.writeString(cwd.resolve("fg.out.log"), "{\"a\":1}\n{\"b\":2}\n");
    err = Files.writeString(cwd.resolve("fg.err.log"), "line one\r\n  An error here  \n");
  }

  private Asserts.Outcome eval(FileAssert... items) {
    return Asserts.files(List.of(items), cwd, base, out, err);
  }

  @Test
  void containsNeedsOneLineWithTheTrimmedText() {
    Asserts.Outcome o =
        eval(new FileAssert("STDERR", List.of("  An error here\n", "one\r\nAn"), null, null));
    assertThat(o.checks()).hasSize(2);
    assertThat(o.checks().get(0).passed()).isTrue();
    assertThat(o.checks().get(1).failure())
        .isEqualTo("`stderr` contains `one\r\nAn`: no line of stderr has it");
  }

  @Test
  void doesntContainFailsNamingTheLine() {
    Asserts.Outcome o = eval(new FileAssert("stdout", null, List.of("\"b\"", "zzz"), null));
    assertThat(o.checks().get(0).failure())
        .isEqualTo("`stdout` does not contain `\"b\"`: found in line `{\"b\":2}`");
    assertThat(o.checks().get(1).passed()).isTrue();
  }

  @Test
  void equalsFileIsExactIncludingTheFinalNewlineAndShowsTheFirstDifference() throws Exception {
    Files.writeString(base.resolve("same.json"), "{\"a\":1}\n{\"b\":2}\n");
    Files.writeString(base.resolve("nonl.json"), "{\"a\":1}\n{\"b\":2}");
    Files.writeString(base.resolve("other.json"), "{\"a\":1}\n{\"b\":3}\n");
    Asserts.Outcome o =
        eval(
            new FileAssert("stdout", null, null, "same.json"),
            new FileAssert("stdout", null, null, "nonl.json"),
            new FileAssert("stdout", null, null, "other.json"));
    assertThat(o.checks().get(0).passed()).isTrue();
    assertThat(o.checks().get(1).failure()).contains("differ only in their final newline");
    assertThat(o.checks().get(2).failure())
        .isEqualTo(
            "`stdout` equals `other.json`: first difference at line 2 (expected 2 lines, found 2)"
                + "\n- {\"b\":3}\n+ {\"b\":2}");
  }

  @Test
  void fileSourcesFallBackToTheBaseFolderAndAMissingFileFails() throws Exception {
    Files.writeString(base.resolve("events.log"), "hello\n");
    Asserts.Outcome o =
        eval(
            new FileAssert("events.log", List.of("hello"), null, null),
            new FileAssert("gone.log", List.of("x"), null, null));
    assertThat(o.checks().get(0).passed()).isTrue();
    assertThat(o.checks().get(1).failure())
        .isEqualTo("`gone.log` contains `x`: file `gone.log` not found");
  }

  @Test
  void anItemWithoutChecksIsSkipped() {
    Asserts.Outcome o = eval(new FileAssert("stdout", null, null, null));
    assertThat(o.checks()).isEmpty();
    assertThat(o.skipped()).isEqualTo(1);
    assertThat(o.passed()).isTrue();
  }

  @Test
  void statusComparesTheExitCodeAndAKilledProcessFails() {
    assertThat(Asserts.status(1, 1, "x").passed()).isTrue();
    assertThat(Asserts.status(0, 55, "x").failure()).isEqualTo("status: expected 0, found 55");
    assertThat(Asserts.status(0, null, "timed out").failure())
        .isEqualTo("status: expected 0, but timed out");
  }

  @Test
  void assertYamlIsLoadedWithItsChecks() throws Exception {
    Files.writeString(base.resolve("expected.txt"), "x\n");
    Path file =
        Files.writeString(
            base.resolve("assert.yaml"),
            """
            status: 1
            name: case
            asserts:
              - source: stderr
                contains:
                  - |
                    An error
              - source: out.log
                equals_file: expected.txt
            """);
    AssertSpec spec = AssertSpec.load(file, cwd);
    assertThat(spec.status()).isEqualTo(1);
    assertThat(spec.asserts()).hasSize(2);
    assertThat(spec.asserts().get(0).contains()).containsExactly("An error\n");
    assertThat(spec.base()).isEqualTo(base);
  }

  @Test
  void badAssertYamlIsAClearError() throws Exception {
    Path missingFile =
        Files.writeString(
            base.resolve("a.yaml"),
            "status: 0\nname: n\nasserts:\n  - source: x\n    equals_file: nope.txt\n");
    assertThatThrownBy(() -> AssertSpec.load(missingFile, cwd))
        .hasMessage("equals_file  `nope.txt` not found in `assert.yaml`");
    Path noStatus = Files.writeString(base.resolve("b.yaml"), "name: n\nasserts: []\n");
    assertThatThrownBy(() -> AssertSpec.load(noStatus, cwd))
        .hasMessageContaining("missing field `status`");
    Path broken = Files.writeString(base.resolve("c.yaml"), "status: [\n");
    assertThatThrownBy(() -> AssertSpec.load(broken, cwd))
        .hasMessageStartingWith("Unable to load `assert.yaml` from path");
  }
}
