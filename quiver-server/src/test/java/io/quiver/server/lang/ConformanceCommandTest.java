package io.quiver.server.lang;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ConformanceCommandTest {
  @TempDir Path root;

  private void scriptCase(String name, String script, String in, String out) throws Exception {
    Path dir = Files.createDirectories(root.resolve("tests/scripts").resolve(name));
    Files.writeString(dir.resolve("script.tremor"), script);
    Files.writeString(dir.resolve("in"), in);
    Files.writeString(dir.resolve("out"), out);
  }

  private String run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int code = new CommandLine(new ConformanceCommand(new PrintStream(out, true, StandardCharsets.UTF_8)))
        .execute(args);
    return code + "\n" + out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void countsOnlyTheCasesTremorListsAndExplainsFailures() throws Exception {
    scriptCase("double", "event * 2", "1\n2\n", "2\n4\n");
    scriptCase("wrong", "event + 1", "1\n", "3\n");
    scriptCase("unlisted", "event", "1\n", "9\n");
    Files.writeString(root.resolve("tests/script.rs"), """
        test_cases!(
            double,
            // a comment
            wrong,
        );
        """);

    assertThat(run(root.toString(), "--verbose")).isEqualTo("""
        2
        scripts: 1/2
          FAIL wrong: result 0: expected 3 but got 2
        """);
  }

  @Test
  void withoutAListEveryCaseFolderCounts() throws Exception {
    scriptCase("double", "event * 2", "1\n", "2\n");
    scriptCase("_template", "broken(", "", "");

    assertThat(run(root.toString(), "--suite", "scripts")).isEqualTo("0\nscripts: 1/1\n");
  }

  @Test
  void aFolderWithoutTestsIsRefused() {
    assertThat(run(root.toString())).isEqualTo("1\nError: " + root
        + " has no tests/ folder; pass the root of a tremor-runtime checkout\n");
  }
}
