package io.quiver.connectors.rest.offramp;

import io.quiver.value.Value;

/**
 * One HTTP request as it goes upstream.
 *
 * @param method upper case
 * @param target where it goes
 * @param head the request's head as it is sent: request line, headers (with {@code Host} and {@code
 *     content-length}) and the empty line ({@link RequestHeadWriter})
 * @param body the encoded body
 * @param meta Tremor's {@code $response.request}: {@code {method, headers, endpoint}}
 */
record OutgoingRequest(
    String method, Endpoint.Target target, byte[] head, byte[] body, Value meta) {}
