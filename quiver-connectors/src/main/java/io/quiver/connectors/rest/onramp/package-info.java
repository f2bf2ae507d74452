/**
 * The {@code rest} onramp (Tremor 0.11.12's src/source/rest.rs): an HTTP/1.1 server on the shared
 * event loops whose every request becomes an event with {@code $request} metadata and, when the
 * onramp is linked, is answered by the reply event's {@code $response} and body on its own
 * connection, in request order.
 *
 * <p>Entry points: {@link io.quiver.connectors.rest.onramp.RestOnrampProvider} (keys and defaults),
 * {@code RestOnramp} (the server and the reply routing), {@code RestChannelInitializer} (a
 * connection's handlers: HTTP/1.1, or with {@code http2} HTTP/2 by ALPN or h2c, a reader and a
 * connection per HTTP/2 stream). Per connection: {@code ConnectionClock} (header-read and
 * keep-alive clocks, before the HTTP codec), {@code Http1Decoder} (the own HTTP/1.1 reader: a
 * request's head by {@code Http1HeadParser} into an {@code Http1Head}, its body, the limits) or,
 * where Netty's codec stays (HTTP/2 streams, h2c), {@code RequestReader}; {@code RestConnection}
 * (the ordered exchanges of one connection and their answers, written by {@code Http1Writer} or as
 * Netty objects by {@code NettyAnswers}). {@code RequestHead} is a request's head either way,
 * {@code RequestMeta} builds {@code $request} from it, {@code ReplyResponse} turns a reply event
 * into an {@code Answer}, {@code ErrorResponses} are the JSON error answers.
 *
 * <p>Depends on {@code quiver-spi}, {@code quiver-value}, {@code io.quiver.connectors.net} and
 * Netty; never on the runtime.
 */
package io.quiver.connectors.rest.onramp;
