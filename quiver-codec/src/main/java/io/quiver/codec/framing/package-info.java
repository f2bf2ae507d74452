/**
 * The framing preprocessors and postprocessors: {@code base64}, {@code length-prefixed}, {@code
 * textual-length-prefix}, {@code gelf-chunking}, {@code ingest-ns} and {@code remove-empty}, each
 * with a nested {@code Provider} registered through {@code META-INF/services}. One instance per
 * connection, so they may buffer across chunks ({@link io.quiver.codec.framing.FrameBuffer}) within
 * their limits; the two length-headed ones share their frame loop ({@link
 * io.quiver.codec.framing.LengthHeaderPreprocessor}) and differ only in the header they read.
 * Depends on quiver-spi only.
 */
package io.quiver.codec.framing;
