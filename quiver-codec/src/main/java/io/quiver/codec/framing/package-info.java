/**
 * The framing preprocessors and postprocessors: {@code base64}, {@code length-prefixed}, {@code
 * textual-length-prefix}, {@code gelf-chunking}, {@code ingest-ns} and {@code remove-empty}, each
 * with a nested {@code Provider} registered through {@code META-INF/services}. One instance per
 * connection, so they may buffer across chunks ({@link io.quiver.codec.framing.FrameBuffer}) within
 * their limits. Depends on quiver-spi only.
 */
package io.quiver.codec.framing;
