package io.quiver.connectors.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quiver.spi.config.ConfigSpec;
import io.quiver.value.Value;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZOutputStream;

class BlasterTest {
  @TempDir Path dir;

  private BenchFakes.RecordingSource run(BlasterSettings settings) throws Exception {
    Blaster blaster = new Blaster(BenchFakes.BLASTER, settings);
    BenchFakes.RecordingSource ctx = new BenchFakes.RecordingSource();
    blaster.start(ctx);
    assertThat(ctx.closed.await(10, TimeUnit.SECONDS)).as("blaster finished").isTrue();
    blaster.stop();
    return ctx;
  }

  @Test
  void replaysTheLinesInALoopUntilItersEventsWereSent() throws Exception {
    Path file = Files.writeString(dir.resolve("data.txt"), "a\r\nb\nc\n");
    var ctx =
        run(new BlasterSettings(file.toString(), OptionalLong.empty(), OptionalLong.of(7), false));
    assertThat(ctx.messages)
        .containsExactly(
            "7:a:true",
            "7:b:true",
            "7:c:true",
            "7:a:true",
            "7:b:true",
            "7:c:true",
            "7:a:true",
            "closed 7");
  }

  @Test
  void readsXzCompressedFiles() throws Exception {
    Path file = dir.resolve("data.json.xz");
    try (OutputStream out = new XZOutputStream(Files.newOutputStream(file), new LZMA2Options())) {
      out.write("{\"x\":1}\n{\"x\":2}".getBytes(StandardCharsets.UTF_8));
    }
    var ctx =
        run(new BlasterSettings(file.toString(), OptionalLong.empty(), OptionalLong.of(3), false));
    assertThat(ctx.messages)
        .containsExactly("7:{\"x\":1}:true", "7:{\"x\":2}:true", "7:{\"x\":1}:true", "closed 7");
  }

  @Test
  void decodesBase64Lines() throws Exception {
    Path file = Files.writeString(dir.resolve("b64.txt"), "c25vdA==\nYmFkZ2Vy\n");
    var ctx =
        run(new BlasterSettings(file.toString(), OptionalLong.empty(), OptionalLong.of(2), true));
    assertThat(ctx.messages).containsExactly("7:snot:true", "7:badger:true", "closed 7");
  }

  @Test
  void intervalSpacesTheEventsOnAFixedSchedule() throws Exception {
    Path file = Files.writeString(dir.resolve("data.txt"), "x\n");
    long start = System.nanoTime();
    var ctx =
        run(
            new BlasterSettings(
                file.toString(), OptionalLong.of(20_000_000), OptionalLong.of(5), false));
    assertThat(ctx.receivedAtNs).hasSize(5);
    // the n-th event is due n intervals after the start: never earlier
    for (int i = 0; i < 5; i++) {
      assertThat(ctx.receivedAtNs.get(i) - start).isGreaterThanOrEqualTo((i + 1) * 20_000_000L);
    }
  }

  @Test
  void itersZeroSendsNothing() throws Exception {
    Path file = Files.writeString(dir.resolve("data.txt"), "x\n");
    var ctx =
        run(new BlasterSettings(file.toString(), OptionalLong.empty(), OptionalLong.of(0), false));
    assertThat(ctx.messages).containsExactly("closed 7");
  }

  @Test
  void aMissingFileIsAClearStartupError() {
    Path missing = dir.resolve("nope.json.xz");
    Blaster blaster =
        new Blaster(
            BenchFakes.BLASTER,
            new BlasterSettings(
                missing.toString(), OptionalLong.empty(), OptionalLong.empty(), false));
    assertThatThrownBy(() -> blaster.start(new BenchFakes.RecordingSource()))
        .isInstanceOf(IOException.class)
        .hasMessage(
            "blaster: cannot read source file "
                + missing
                + ": no such file (check the onramp's config.source)");
  }

  @Test
  void anEmptyFileIsAClearStartupError() throws Exception {
    Path empty = Files.writeString(dir.resolve("empty.txt"), "");
    assertThatThrownBy(() -> ReplayData.load(empty, false))
        .hasMessage("blaster: source file " + empty + " has no lines to replay");
  }

  @Test
  void invalidBase64NamesTheLine() throws Exception {
    Path file = Files.writeString(dir.resolve("b64.txt"), "c25vdA==\n!!\n");
    assertThatThrownBy(() -> ReplayData.load(file, true))
        .hasMessageStartingWith("blaster: line 2 of " + file + " is not valid base64: ")
        .hasMessageEndingWith(" (set base64: false to send lines as they are)");
  }

  @Test
  void configUsesTremorsKeysAndChecksThem() {
    ConfigSpec spec = new BlasterProvider().configSpec();
    var ok = spec.validate(Value.obj("source", Value.of("f.xz"), "iters", Value.of(3)));
    assertThat(ok.ok()).isTrue();
    BlasterSettings s = BlasterSettings.from(ok.config());
    assertThat(s)
        .isEqualTo(new BlasterSettings("f.xz", OptionalLong.empty(), OptionalLong.of(3), false));
    var bad = spec.validate(Value.obj("interval", Value.of(0)));
    assertThat(bad.problems())
        .extracting(p -> p.message())
        .containsExactly(
            "missing required configuration \"source\" which has no default value",
            "invalid value 0 for configuration interval: value must be at least 1");
    assertThat(new BlasterProvider().defaultCodec()).isEqualTo("json");
  }
}
