/**
 * The REST API of {@code quiver server run}: Tremor 0.11.12's routes ({@link
 * io.quiver.server.api.TremorRoutes}: version, artefacts, binding instances) in JSON or YAML by
 * {@code Accept}/{@code Content-Type}, the probes {@code /health} and {@code /ready}, and the
 * storage directory's configuration snapshots, on a small Netty HTTP/1.1 server ({@link
 * io.quiver.server.api.ApiServer}) whose calls run one at a time on a control thread against the
 * running {@link io.quiver.runtime.world.World}. Also the client {@code quiver api} ({@link
 * io.quiver.server.api.ApiCommand}).
 *
 * <p>Depends on the runtime's world and Netty; nothing on the data path depends on it.
 */
package io.quiver.server.api;
