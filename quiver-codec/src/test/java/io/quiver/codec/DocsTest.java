package io.quiver.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.quiver.spi.CodecProvider;
import io.quiver.spi.PostprocessorProvider;
import io.quiver.spi.PreprocessorProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** docs/codecs.md documents exactly the registered names, each in its section. */
class DocsTest {
  private static final Pattern HEADING = Pattern.compile("^### (.+)$", Pattern.MULTILINE);
  private static final Pattern NAME = Pattern.compile("`([a-z0-9-]+)`");

  private static String section(String doc, String title) {
    int start = doc.indexOf("\n## " + title + "\n");
    assertThat(start).as("section %s", title).isNotNegative();
    int end = doc.indexOf("\n## ", start + 4);
    return end < 0 ? doc.substring(start) : doc.substring(start, end);
  }

  private static List<String> documented(String section) {
    List<String> names = new ArrayList<>();
    Matcher h = HEADING.matcher(section);
    while (h.find()) {
      Matcher n = NAME.matcher(h.group(1));
      while (n.find()) {
        names.add(n.group(1));
      }
    }
    return names;
  }

  @Test
  void everyRegisteredNameIsDocumentedAndNothingElse() throws Exception {
    Path root = SharedDataRoundTripTest.repositoryRoot();
    Path doc = root == null ? Path.of("docs/codecs.md") : root.resolve("docs/codecs.md");
    assumeTrue(
        Files.isReadable(doc), "docs/codecs.md not found from " + Path.of("").toAbsolutePath());
    String text = Files.readString(doc);
    assertThat(documented(section(text, "Codecs")))
        .containsExactlyInAnyOrderElementsOf(
            ServiceLoader.load(CodecProvider.class).stream().map(p -> p.get().name()).toList());
    assertThat(documented(section(text, "Preprocessors")))
        .containsExactlyInAnyOrderElementsOf(
            ServiceLoader.load(PreprocessorProvider.class).stream()
                .map(p -> p.get().name())
                .toList());
    assertThat(documented(section(text, "Postprocessors")))
        .containsExactlyInAnyOrderElementsOf(
            ServiceLoader.load(PostprocessorProvider.class).stream()
                .map(p -> p.get().name())
                .toList());
    for (var e : MimeCodecs.builtin().entrySet()) {
      assertThat(section(text, "`codec_map`"))
          .contains("| `" + e.getKey() + "` | `" + e.getValue() + "` |");
    }
  }
}
