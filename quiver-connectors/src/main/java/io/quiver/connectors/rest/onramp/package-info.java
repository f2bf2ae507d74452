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
 * keep-alive clocks, before the HTTP codec), {@code RequestReader} (assembles a request and refuses
 * what breaks a limit), {@code RestConnection} (the ordered exchanges of one connection and their
 * answers). {@code RequestMeta} builds {@code $request}, {@code ReplyResponse} turns a reply event
 * into a response, {@code ErrorResponses} are the JSON error answers.
 *
 * <p>Depends on {@code quiver-spi}, {@code quiver-value}, {@code io.quiver.connectors.net} and
 * Netty; never on the runtime.
 */
package io.quiver.connectors.rest.onramp;
