package io.quiver.pipeline;

import static io.quiver.pipeline.WalOperatorTest.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quiver.value.Value;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The on-disk log's checksums: what a restart does with a torn, corrupt or old log. */
class FileWalStoreTest {
  private static final int MAGIC = 8;
  private static final int FRAME_AND_HEADER = 4 + 4 + 1 + 8;

  @TempDir Path dir;

  private Path log() {
    return dir.resolve(FileWalStore.FILE);
  }

  /** Writes events 1..n and returns the offset at which each record starts (plus the end). */
  private long[] writeEvents(int n) throws Exception {
    long[] at = new long[n + 1];
    at[0] = MAGIC;
    try (FileWalStore store = new FileWalStore(dir, true)) {
      for (int i = 1; i <= n; i++) {
        store.append(event(i));
        at[i] = at[i - 1] + FRAME_AND_HEADER + WalRecords.encode(event(i)).length;
      }
    }
    assertThat(Files.size(log())).isEqualTo(at[n]);
    return at;
  }

  /** Flips one bit of the byte that holds the last digit of event {@code i}'s text "e<i>". */
  private void flipTextOf(int i, long[] at) throws Exception {
    byte[] bytes = Files.readAllBytes(log());
    byte[] text = ("e" + i).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    int found = indexOf(bytes, text, (int) at[i - 1]);
    assertThat(found).isBetween((int) at[i - 1], (int) at[i] - text.length);
    bytes[found + 1] ^= 0x01; // "e2" becomes "e3": without a checksum, a different event
    Files.write(log(), bytes);
  }

  private static int indexOf(byte[] hay, byte[] needle, int from) {
    for (int i = from; i + needle.length <= hay.length; i++) {
      if (Arrays.equals(hay, i, i + needle.length, needle, 0, needle.length)) {
        return i;
      }
    }
    return -1;
  }

  @Test
  void aLogCutInTheMiddleOfItsLastRecordIsReportedAndCut() throws Exception {
    long[] at = writeEvents(3);
    Files.write(log(), Arrays.copyOf(Files.readAllBytes(log()), (int) at[3] - 5));

    try (FileWalStore store = new FileWalStore(dir, false)) {
      assertThat(store.count()).isEqualTo(2);
      assertThat(store.get(1).data()).isEqualTo(Value.of("e2"));
      assertThat(store.droppedTail())
          .isEqualTo(new FileWalStore.DroppedTail(log(), at[2], at[3] - 5 - at[2], 1));
      assertThat(store.droppedTail().message())
          .isEqualTo(
              "WAL log "
                  + log()
                  + ": dropped a torn or corrupt tail at byte "
                  + at[2]
                  + ": "
                  + (at[3] - 5 - at[2])
                  + " byte(s), 1 record(s) (the last write before the process stopped was incomplete, or"
                  + " the disk lost it); those records are not replayed");
      assertThat(Files.size(log())).isEqualTo(at[2]);
      assertThat(store.append(event(9))).isEqualTo(2);
    }
    try (FileWalStore store = new FileWalStore(dir, false)) {
      assertThat(store.droppedTail()).as("the cut log is whole again").isNull();
      assertThat(store.get(2).data()).isEqualTo(Value.of("e9"));
    }
  }

  @Test
  void aFlippedByteInTheLastRecordDropsItInsteadOfReplayingAnotherEvent() throws Exception {
    long[] at = writeEvents(2);
    flipTextOf(2, at);

    try (FileWalStore store = new FileWalStore(dir, false)) {
      assertThat(store.count()).isEqualTo(1);
      assertThat(store.get(0).data()).isEqualTo(Value.of("e1"));
      assertThat(store.get(1)).isNull();
      assertThat(store.droppedTail())
          .isEqualTo(new FileWalStore.DroppedTail(log(), at[1], at[2] - at[1], 1));
    }
  }

  @Test
  void aFlippedByteInTheMiddleIsAnErrorNotASilentLoss() throws Exception {
    long[] at = writeEvents(3);
    flipTextOf(2, at);
    byte[] before = Files.readAllBytes(log());

    assertThatThrownBy(() -> new FileWalStore(dir, false))
        .isInstanceOf(java.io.IOException.class)
        .hasMessage(
            log()
                + " is corrupt at byte "
                + at[1]
                + ": the record there is cut short or"
                + " fails its checksum, yet a valid record follows at byte "
                + at[2]
                + ", so this is not"
                + " a torn last write; the events from there on cannot be trusted. Move the file away"
                + " (the WAL then starts empty) or restore it from a backup");
    assertThat(Files.readAllBytes(log())).as("the log is left as it was").isEqualTo(before);
    // and the directory is not left locked
    assertThatThrownBy(() -> new FileWalStore(dir, false))
        .hasMessageStartingWith(log() + " is corrupt");
  }

  @Test
  void aVersion1LogIsReadAndRewrittenWithChecksums() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    out.write(new byte[] {'Q', 'W', 'A', 'L', 0, 0, 0, 1});
    for (int i = 0; i < 3; i++) {
      byte[] payload = WalRecords.encode(event(i));
      out.writeInt(9 + payload.length);
      out.writeByte('E');
      out.writeLong(i);
      out.write(payload);
    }
    out.writeInt(9);
    out.writeByte('C');
    out.writeLong(0);
    Files.write(log(), bytes.toByteArray());

    try (FileWalStore store = new FileWalStore(dir, false)) {
      assertThat(store.confirmed()).isZero();
      assertThat(store.count()).isEqualTo(2);
      assertThat(store.get(2).data()).isEqualTo(Value.of("e2"));
    }
    byte[] now = Files.readAllBytes(log());
    assertThat(Arrays.copyOf(now, MAGIC)).containsExactly('Q', 'W', 'A', 'L', 0, 0, 0, 2);
    try (FileWalStore store = new FileWalStore(dir, false)) {
      assertThat(store.confirmed()).isZero();
      assertThat(store.count()).isEqualTo(2);
      assertThat(store.get(1).data()).isEqualTo(Value.of("e1"));
      assertThat(store.droppedTail()).isNull();
    }
  }

  @Test
  void aCorruptFirstRecordIsAnErrorToo() throws Exception {
    long[] at = writeEvents(3);
    flipTextOf(1, at);
    assertThatThrownBy(() -> new FileWalStore(dir, false))
        .hasMessageStartingWith(log() + " is corrupt at byte " + MAGIC + ":");
  }
}
