/**
 * A single-node OpenSearch cluster for tests, examples and the elastic integration cases: {@link
 * io.quiver.search.node.SearchNodeMain} is its process's main (settings, the netty4 HTTP transport,
 * start, stop on SIGTERM), {@link io.quiver.search.node.SearchNodeProcess} starts, stops, kills and
 * restarts one from Java. Not part of quiver.jar; depends on no Quiver module.
 */
package io.quiver.search.node;
