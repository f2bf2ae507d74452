/**
 * The {@code lines} preprocessor family ({@code lines}, {@code lines-null}, {@code lines-pipe},
 * {@code lines-no-buffer}, {@code lines-cr-no-buffer}: {@link io.quiver.codec.lines.LinesVariants})
 * and the {@code lines} postprocessor. {@link io.quiver.codec.lines.LinesPreprocessor} splits on a
 * one-byte separator, keeps a bounded fragment between chunks and rejects over-long lines one by
 * one. Depends on quiver-spi only.
 */
package io.quiver.codec.lines;
