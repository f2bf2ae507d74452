package io.quiver.pipeline;

import io.quiver.value.Event;

/** A {@code qos::wal} store in memory (no {@code dir}): lost when the process ends. */
final class MemoryWalStore extends AbstractWalStore {

  @Override
  public long append(Event event) {
    long idx = nextNumber();
    keep(idx, event, WalRecords.encode(event).length);
    return idx;
  }

  @Override
  public void confirm(long idx) {
    confirmedUpTo(idx);
  }

  @Override
  public void removeUpTo(long idx) {
    forgetUpTo(idx);
  }

  @Override
  public long bytes() {
    return liveBytes();
  }

  @Override
  public void close() {}
}
