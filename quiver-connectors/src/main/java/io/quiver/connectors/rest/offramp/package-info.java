/**
 * The {@code rest} offramp (Tremor 0.11.12's src/sink/rest.rs): an HTTP/1.1 client on the shared
 * event loops. Entry point {@link io.quiver.connectors.rest.offramp.RestOfframpProvider}; an event
 * becomes a request ({@code RequestBuilder}: {@code $endpoint}, {@code $request.method/headers},
 * the body encoded by its content type), sent over keep-alive connections pooled per endpoint
 * ({@code ConnectionPool}) with {@code concurrency} requests in flight at most ({@code Dispatcher},
 * senders held through {@code net.OutstandingLimit}); the response or the failure answers the event
 * exactly once ({@code RestAnswers}: {@code out} with {@code $response}, {@code err} with Tremor's
 * statuses). HTTP/1.1 is its own: the request head written whole on the sender's thread ({@code
 * RequestHeadWriter}), the response read straight from the connection's bytes by a strict decoder
 * ({@code ExchangeHandler}, {@code ResponseDecoder}, {@code ResponseHeadParser}, {@code
 * ResponseRecords}). Depends on the SPI, {@code net} and {@code rest.http1} only.
 */
package io.quiver.connectors.rest.offramp;
