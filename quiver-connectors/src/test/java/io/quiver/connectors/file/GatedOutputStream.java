package io.quiver.connectors.file;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * An output stream whose writes wait until the gate opens (a disk that stalls), capturing what is
 * written; flushes and closes are counted.
 */
final class GatedOutputStream extends OutputStream {
  private final CountDownLatch gate = new CountDownLatch(1);
  private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
  final CountDownLatch firstWrite = new CountDownLatch(1);
  volatile int flushes;
  volatile boolean closed;

  GatedOutputStream open() {
    gate.countDown();
    return this;
  }

  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    firstWrite.countDown();
    try {
      if (!gate.await(30, TimeUnit.SECONDS)) {
        throw new IOException("gate never opened");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted");
    }
    synchronized (captured) {
      captured.write(b, off, len);
    }
  }

  @Override
  public void flush() {
    flushes++;
  }

  @Override
  public void close() {
    closed = true;
  }

  String text() {
    synchronized (captured) {
      return captured.toString(StandardCharsets.UTF_8);
    }
  }
}
