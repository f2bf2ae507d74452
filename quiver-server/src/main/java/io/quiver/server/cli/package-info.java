/**
 * Command-line tools around the server: {@code quiver up} ({@link io.quiver.server.cli.UpCommand},
 * {@link io.quiver.server.cli.Supervisor}: starts the servers of an example's {@code up.yaml} as
 * child processes, prefixes their logs, stops them together) and {@code quiver ws} ({@link
 * io.quiver.server.cli.WsCommand}: a websocat-like client). The supervisor runs each server as a
 * child process and the client uses the JDK's {@code java.net.http} websocket, so neither loads a
 * deployment or depends on the runtime.
 */
package io.quiver.server.cli;
