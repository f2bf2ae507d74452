/**
 * The {@code quiver} command line ({@link io.quiver.server.Main}, picocli) and Tremor's {@code
 * server run} ({@code ServerRunCommand}, {@code ServerRunner}: load a deployment, run it until
 * SIGTERM/SIGINT, drain, stop), plus {@link io.quiver.server.ReferenceDocs}, which renders
 * docs/reference.md from the plugins' declarations ({@code quiver doc}).
 *
 * <p>The top layer: may depend on every module; nothing depends on it.
 */
package io.quiver.server;
