/**
 * Websocket peers for tests, all on 127.0.0.1. Clients: {@link io.quiver.testkit.ws.TestClient}
 * (the JDK's well-behaved client), {@link io.quiver.testkit.ws.RawWsClient} (frames byte by byte,
 * anything a client must never send), {@link io.quiver.testkit.ws.DeflateRawClient}
 * (permessage-deflate by hand), {@link io.quiver.testkit.ws.NonReadingClient} (a slow reader),
 * {@link io.quiver.testkit.ws.HeadlessChromium} (a real browser) and {@link
 * io.quiver.testkit.ws.WirePeer} with {@link io.quiver.testkit.ws.WireFrame} (either side of the
 * conformance suite). Servers standing in for an upstream: {@link
 * io.quiver.testkit.ws.TestUpstream} (scriptable answers, kill or close), {@link
 * io.quiver.testkit.ws.EchoWsServer} (echo n times, late or closing), {@link
 * io.quiver.testkit.ws.DeflateUpstream}, {@link io.quiver.testkit.ws.HalfOpenUpstream} (handshakes,
 * then silence) and {@link io.quiver.testkit.ws.HoldingServer} (never handshakes). The Netty-based
 * ones listen through {@link io.quiver.testkit.ws.LocalWsServer} (event loops, loopback bind, HTTP
 * codec), which a test can also use for a fake of its own; the blocking ones through {@link
 * io.quiver.testkit.ws.LoopbackAcceptor}.
 */
package io.quiver.testkit.ws;
