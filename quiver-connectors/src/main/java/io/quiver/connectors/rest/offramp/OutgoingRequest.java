package io.quiver.connectors.rest.offramp;

import io.quiver.value.Value;
import java.util.List;

/**
 * One HTTP request as it goes upstream.
 *
 * @param method upper case
 * @param target where it goes
 * @param headers name and value, in sending order (one entry per value); no {@code Content-Length}
 *     (the sender adds it)
 * @param body the encoded body
 * @param meta Tremor's {@code $response.request}: {@code {method, headers, endpoint}}
 */
record OutgoingRequest(
    String method, Endpoint.Target target, List<Header> headers, byte[] body, Value meta) {

  record Header(String name, String value) {}
}
