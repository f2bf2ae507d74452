/**
 * HTTP/1.1 pieces shared by the rest onramp's server side and the rest offramp's client side: what
 * header names and values may hold ({@link io.quiver.connectors.rest.http1.HeaderSyntax}), the
 * header-line scanner of both heads' parsers ({@link io.quiver.connectors.rest.http1.HeaderLines}),
 * the chunked body reader ({@link io.quiver.connectors.rest.http1.ChunkedBody}) and the refusal
 * they throw ({@link io.quiver.connectors.rest.http1.Http1Exception}). Netty buffers only; no
 * connector state.
 */
package io.quiver.connectors.rest.http1;
