package io.quiver.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.runtime.Registry;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * docs/reference.md is what the plugins declare. After changing a declaration, regenerate it with
 * {@code ./mvnw -pl quiver-server test -Dtest=ReferenceDocsTest -Dquiver.updateDocs=true} (or
 * {@code bin/quiver doc > docs/reference.md}).
 */
class ReferenceDocsTest {

  @Test
  void committedReferenceMatchesTheDeclarations() throws Exception {
    Path file = repoRoot().resolve("docs/reference.md");
    String rendered = ReferenceDocs.render(Registry.load());
    if (Boolean.getBoolean("quiver.updateDocs")) {
      Files.writeString(file, rendered);
    }
    assertThat(Files.exists(file)).as("docs/reference.md exists").isTrue();
    assertThat(Files.readString(file))
        .as(
            "docs/reference.md is out of date: regenerate it with bin/quiver doc > docs/reference.md")
        .isEqualTo(rendered);
  }

  @Test
  void referenceDocumentsTheWsKeys() {
    String rendered = ReferenceDocs.render(Registry.load());
    assertThat(rendered).contains("### `ws`", "| `port` |", "| `url` |", "- `lines`", "- `string`");
  }

  @Test
  void referenceListsTheProcessSettingsOnce() {
    String rendered = ReferenceDocs.render(Registry.load());
    String section = rendered.substring(rendered.indexOf("## Process settings"));
    assertThat(section)
        .contains(
            "| `quiver.transport` |",
            "| `quiver.ws.threads` |",
            "| `quiver.ws.reply_budget_bytes` |");
    assertThat(section.split("\\| `quiver.ws.threads` \\|", -1)).hasSize(2);
  }

  private static Path repoRoot() {
    Path p = Path.of("").toAbsolutePath();
    while (p != null && !Files.exists(p.resolve("mvnw"))) {
      p = p.getParent();
    }
    return p;
  }
}
