package io.quiver.server.lang;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZOutputStream;
import picocli.CommandLine;

/**
 * {@code quiver run} from file to file: a reshaping script, and a windowed, grouped query with
 * {@code aggr::stats::hdr} over the shared {@code data.json.xz} (skipped when that folder is
 * absent; set {@code -Dquiver.data.dir=...}) and over a small generated {@code .xz} file.
 */
class RunRoundTripTest {
  static final String DATA_DIR = "quiver.data.dir";

  @TempDir Path dir;

  private record Result(int code, String stdout, String stderr) {}

  private Result run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    RunCommand command =
        new RunCommand(
            new ByteArrayInputStream(new byte[0]),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    int code = new CommandLine(command).execute(args);
    return new Result(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  static final String RESHAPE =
      """
      use std::string;
      let tags = for event.tags of
        case (i, t) => string::uppercase(t)
      end;
      match event of
        case %{ level == "debug" } => drop
        default => {
          "who": "#{event.user.first} #{event.user.last}",
          "level": string::uppercase(event.level),
          "tags": tags,
          "ms": event.took_ns / 1000000
        }
      end
      """;

  @Test
  void scriptReshapesAnNdjsonFileIntoAnotherFile() throws Exception {
    Path script = Files.writeString(dir.resolve("reshape.tremor"), RESHAPE);
    Path in =
        Files.writeString(
            dir.resolve("in.json"),
            """
        {"level":"info","user":{"first":"Ada","last":"Byron"},"tags":["a","b"],"took_ns":3000000}
        {"level":"debug","user":{"first":"Bob","last":"Ross"},"tags":[],"took_ns":1}
        {"level":"error","user":{"first":"Cy","last":"Young"},"tags":["x"],"took_ns":12500000}
        """);
    Path out = dir.resolve("out.json");

    Result r = run(script.toString(), "-i", in.toString(), "-o", out.toString());

    assertThat(r).isEqualTo(new Result(0, "", ""));
    assertThat(Files.readString(out))
        .isEqualTo(
            """
        {"who":"Ada Byron","level":"INFO","tags":["A","B"],"ms":3.0}
        {"who":"Cy Young","level":"ERROR","tags":["X"],"ms":12.5}
        """);
  }

  @Test
  void missingInputOrOutputFolderIsAClearError() throws Exception {
    Path script = Files.writeString(dir.resolve("reshape.tremor"), RESHAPE);
    Path in = Files.writeString(dir.resolve("in.json"), "{}\n");
    Path missing = dir.resolve("missing.json");
    Path nowhere = dir.resolve("no-such-folder").resolve("out.json");

    assertThat(run(script.toString(), "-i", missing.toString()))
        .isEqualTo(
            new Result(1, "", "Error: cannot read the input " + missing + ": no such file\n"));
    assertThat(run(script.toString(), "-i", in.toString(), "-o", nowhere.toString()))
        .isEqualTo(new Result(1, "", "Error: cannot write " + nowhere + ": no such file\n"));
  }

  @Test
  void aCompileErrorCreatesNoOutputFile() throws Exception {
    Path script = Files.writeString(dir.resolve("bad.tremor"), "let x = ;\n");
    Path in = Files.writeString(dir.resolve("in.json"), "{}\n");
    Path out = dir.resolve("out.json");

    Result r = run(script.toString(), "-i", in.toString(), "-o", out.toString());

    assertThat(r.code()).isEqualTo(1);
    assertThat(r.stderr()).startsWith("Error: \n    1 | let x = ;\n");
    assertThat(out).doesNotExist();
  }

  static final String STATS =
      """
      define tumbling window batch with size = 4 end;
      select {
        "application": group[0],
        "count": aggr::stats::count(),
        "aint": aggr::stats::hdr(event.aint, ["0.5", "0.9", "0.99"])
      }
      from in[batch] where event.aint > 10 group by set(event.application) into out;
      """;

  @Test
  void windowedGroupedQueryOverAGeneratedXzFile() throws Exception {
    Path query = Files.writeString(dir.resolve("stats.trickle"), STATS);
    StringBuilder lines = new StringBuilder();
    for (int i = 0; i < 20; i++) {
      // app1 gets aint 0, 10, ... 90 and app2 5, 15, ... 95; `where` drops 0, 5 and 10; app2's
      // window holding 95 stays open: like `tremor run`, the run does not flush windows at the end
      lines
          .append("{\"application\":\"app")
          .append(i % 2 + 1)
          .append("\",\"aint\":")
          .append(i * 5)
          .append("}\n");
    }
    Path in = dir.resolve("events.json.xz");
    try (OutputStream xz = new XZOutputStream(Files.newOutputStream(in), new LZMA2Options())) {
      xz.write(lines.toString().getBytes(StandardCharsets.UTF_8));
    }
    Path out = dir.resolve("out.json");

    Result r = run(query.toString(), "-i", in.toString(), "-o", out.toString());

    assertThat(r).isEqualTo(new Result(0, "", ""));
    assertThat(Files.readString(out))
        .isEqualTo(
            """
        {"application":"app2","count":4,"aint":{"count":4,"min":15,"max":45,"mean":30.0,"stdev":11.180339887498949,"var":125.00000000000001,"percentiles":{"0.5":25,"0.9":45,"0.99":45}}}
        {"application":"app1","count":4,"aint":{"count":4,"min":20,"max":50,"mean":35.0,"stdev":11.180339887498949,"var":125.00000000000001,"percentiles":{"0.5":30,"0.9":50,"0.99":50}}}
        {"application":"app2","count":4,"aint":{"count":4,"min":55,"max":85,"mean":70.0,"stdev":11.180339887498949,"var":125.00000000000001,"percentiles":{"0.5":65,"0.9":85,"0.99":85}}}
        {"application":"app1","count":4,"aint":{"count":4,"min":60,"max":90,"mean":75.0,"stdev":11.180339887498949,"var":125.00000000000001,"percentiles":{"0.5":70,"0.9":90,"0.99":90}}}
        """);
  }

  @Test
  void windowedGroupedQueryOverTheSharedDataJson() throws Exception {
    Path data = dataDir().resolve("data.json.xz");
    assumeTrue(Files.isReadable(data), "no " + data + " (set -D" + DATA_DIR + ")");
    Path query =
        Files.writeString(dir.resolve("stats.trickle"), STATS.replace("size = 4", "size = 10"));
    Path out = dir.resolve("out.json");

    Result r = run(query.toString(), "-i", data.toString(), "-o", out.toString());

    assertThat(r).isEqualTo(new Result(0, "", ""));
    assertThat(Files.readString(out))
        .isEqualTo(
            """
        {"application":"app3","count":10,"aint":{"count":10,"min":21,"max":40,"mean":30.7,"stdev":6.181423784210237,"var":38.21000000000001,"percentiles":{"0.5":29,"0.9":37,"0.99":40}}}
        {"application":"app2","count":10,"aint":{"count":10,"min":22,"max":38,"mean":29.7,"stdev":5.386093203798093,"var":29.010000000000005,"percentiles":{"0.5":29,"0.9":35,"0.99":38}}}
        {"application":"app6","count":10,"aint":{"count":10,"min":20,"max":39,"mean":30.4,"stdev":6.945502141674135,"var":48.239999999999995,"percentiles":{"0.5":29,"0.9":38,"0.99":39}}}
        {"application":"app4","count":10,"aint":{"count":10,"min":21,"max":35,"mean":28.3,"stdev":5.496362433464518,"var":30.209999999999997,"percentiles":{"0.5":25,"0.9":35,"0.99":35}}}
        {"application":"app5","count":10,"aint":{"count":10,"min":23,"max":39,"mean":32.2,"stdev":6.193545026880809,"var":38.36,"percentiles":{"0.5":32,"0.9":39,"0.99":39}}}
        {"application":"app1","count":10,"aint":{"count":10,"min":20,"max":38,"mean":28.1,"stdev":6.441273166075166,"var":41.489999999999995,"percentiles":{"0.5":26,"0.9":35,"0.99":38}}}
        {"application":"app4","count":10,"aint":{"count":10,"min":24,"max":37,"mean":29.5,"stdev":4.6097722286464435,"var":21.25,"percentiles":{"0.5":27,"0.9":36,"0.99":37}}}
        {"application":"app2","count":10,"aint":{"count":10,"min":23,"max":38,"mean":31.7,"stdev":4.9,"var":24.010000000000005,"percentiles":{"0.5":31,"0.9":37,"0.99":38}}}
        """);
  }

  /** {@code -Dquiver.data.dir}, else {@code shared/data} beside the repository. */
  static Path dataDir() {
    String configured = System.getProperty(DATA_DIR);
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured);
    }
    Path repo = Path.of("").toAbsolutePath().getParent();
    return repo.resolveSibling("shared").resolve("data");
  }
}
