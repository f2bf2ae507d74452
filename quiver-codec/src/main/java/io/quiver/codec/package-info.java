/**
 * Tremor 0.11's codecs ({@code json}, {@code string}, {@code binary}, {@code null}, {@code
 * msgpack}, {@code yaml}, {@code influx}, {@code binflux}, {@code statsd}, {@code syslog}), each
 * with a nested {@code Provider} registered in {@code
 * META-INF/services/io.quiver.spi.CodecProvider}, plus {@link io.quiver.codec.MimeCodecs} (Tremor's
 * mime-type codec map). A provider extends {@link io.quiver.codec.NamedCodecProvider} (likewise
 * {@link io.quiver.codec.NamedPreprocessorProvider} and {@link
 * io.quiver.codec.NamedPostprocessorProvider} for the processors): a name and a constructor.
 *
 * <p>Codecs are stateless and byte-for-byte compatible with Tremor, error texts included.
 * Implements quiver-spi's {@code Codec}; pure JDK plus small format libraries: no Netty, no
 * runtime.
 */
package io.quiver.codec;
