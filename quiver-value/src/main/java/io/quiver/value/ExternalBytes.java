package io.quiver.value;

/**
 * Bytes a {@link Value.Bytes} holds outside a Java array: a connector's (pooled, direct) buffer,
 * say, so that a body crossing a pipeline untouched is never copied onto the heap. Implemented by
 * the connectors (this module knows no buffer library). The implementation keeps the bytes valid
 * and unchanged for as long as the {@link Value.Bytes} over it is reachable (a connector frees its
 * buffer with a {@link java.lang.ref.Cleaner} registered on that value); it is read from any
 * thread.
 */
public interface ExternalBytes {
  /** How many bytes there are. */
  int length();

  /** A new array with a copy of the bytes. */
  byte[] toArray();
}
