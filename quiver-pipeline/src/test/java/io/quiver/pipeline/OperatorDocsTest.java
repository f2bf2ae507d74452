package io.quiver.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.spi.config.ConfigKey;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/operators.md documents every declared parameter of every operator, under its heading. */
class OperatorDocsTest {

  @Test
  void everyDeclaredParameterIsInTheOperatorsSection() throws Exception {
    String doc = Files.readString(Path.of("..", "docs", "operators.md"));
    PipelineCompiler.operatorConfigSpecs()
        .forEach(
            (name, spec) -> {
              int start = doc.indexOf("\n## `" + name + "`");
              assertThat(start).as("section for " + name).isGreaterThan(0);
              int end = doc.indexOf("\n## ", start + 1);
              String section = doc.substring(start, end < 0 ? doc.length() : end);
              for (ConfigKey key : spec.keys()) {
                assertThat(section)
                    .as(name + " documents " + key.name())
                    .contains("| `" + key.name() + "` |");
              }
            });
  }
}
