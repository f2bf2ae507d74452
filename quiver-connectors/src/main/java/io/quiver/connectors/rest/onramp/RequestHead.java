package io.quiver.connectors.rest.onramp;

import io.quiver.value.Value;

/**
 * A request's head as the connection and {@link RequestMeta} read it, from the onramp's own
 * HTTP/1.1 parser ({@link Http1Head}) or from Netty's request object ({@link NettyHead}: HTTP/2
 * streams, clear text with h2c).
 */
interface RequestHead {
  String method();

  /** The request target as sent (origin, absolute, authority or asterisk form). */
  String target();

  /** The first value of header {@code lowerCaseName}, or null. */
  String header(String lowerCaseName);

  /** The headers as Tremor's metadata has them: lower-case name to the list of its values. */
  Value.Obj headerRecord();

  /**
   * Its {@code $request.url} record ({@link RequestMeta#url}): the target resolved against the
   * {@code Host} header, else {@code localAuthority}.
   */
  default Value url(String scheme, String localAuthority) throws RequestMeta.BadTarget {
    return RequestMeta.url(this, scheme, localAuthority);
  }

  /** Whether the connection stays open after the answer (HTTP/1.1 unless close, 1.0 if asked). */
  boolean keepAlive();

  boolean http10();

  default boolean isHead() {
    return method().equals("HEAD");
  }
}
