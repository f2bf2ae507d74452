/**
 * Test fixtures shared by Quiver's modules (a test-scope dependency of each module that uses them):
 * {@link io.quiver.testkit.Await} waits for a condition with a deadline; {@link
 * io.quiver.testkit.SmallStack} runs work on a 1 MiB-stack thread (deep-input tests); {@link
 * io.quiver.testkit.ExternalTool} finds a program on the PATH or runs it as a filter (reference
 * implementations); {@link io.quiver.testkit.ChildJvm} runs a Java program as a child process (the
 * test Kafka broker and search node); {@code io.quiver.testkit.ws} holds websocket test clients and
 * fake upstreams; {@code io.quiver.testkit.golden} the golden-file harness.
 */
package io.quiver.testkit;
