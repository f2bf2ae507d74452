/**
 * The plugin contracts between the runtime and its plugins: {@link io.quiver.spi.Source} and {@link
 * io.quiver.spi.Sink} with what the runtime offers them ({@link io.quiver.spi.SourceContext},
 * {@link io.quiver.spi.SinkContext}, {@link io.quiver.spi.FlowControl}), their ServiceLoader
 * registrations ({@link io.quiver.spi.SourceProvider}, {@link io.quiver.spi.SinkProvider}, {@link
 * io.quiver.spi.CodecProvider}, ...), codecs and pre/postprocessors chained by {@link
 * io.quiver.spi.Deserializer} and {@link io.quiver.spi.Serializer}, and the contraflow ({@link
 * io.quiver.spi.Insight}, {@link io.quiver.spi.Signal}).
 *
 * <p>The javadoc of each interface states its threading contract. Depends on quiver-value only: no
 * Netty, no runtime, no concrete plugin.
 */
package io.quiver.spi;
