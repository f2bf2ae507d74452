package io.quiver.connectors.rest.offramp;

import io.quiver.connectors.net.HeaderRecord;
import io.quiver.value.Value;

/**
 * A whole upstream response, copied out of Netty's buffers ({@link ExchangeHandler}).
 *
 * @param headers Tremor's {@code $response.headers}: lower-case name to the list of its values, in
 *     the order they came ({@link HeaderRecord})
 * @param keepAlive whether the connection may carry another request
 */
record UpstreamResponse(int status, Value.Obj headers, byte[] body, boolean keepAlive) {

  /** The first {@code content-type} value, or null. */
  String contentType() {
    return HeaderRecord.first(headers, "content-type");
  }
}
