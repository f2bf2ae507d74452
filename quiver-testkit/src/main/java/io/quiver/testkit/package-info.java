/**
 * Test fixtures shared by Quiver's modules (a test-scope dependency of each module that uses them):
 * {@link io.quiver.testkit.Await} waits for a condition with a deadline; {@code
 * io.quiver.testkit.ws} holds websocket test clients and fake upstreams; {@code
 * io.quiver.testkit.golden} the golden-file harness.
 */
package io.quiver.testkit;
