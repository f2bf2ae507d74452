/**
 * The compression preprocessors and postprocessors ({@code gzip}, {@code zlib}, {@code xz2}, {@code
 * snappy}, {@code lz4}, {@code zstd}, and {@code decompress}, which detects the format), registered
 * through the providers of {@link io.quiver.codec.compress.CompressionVariants}; {@link
 * io.quiver.codec.compress.Compression} holds each format's whole-chunk compress/decompress pair.
 * Depends on quiver-spi and the compression libraries only.
 */
package io.quiver.codec.compress;
