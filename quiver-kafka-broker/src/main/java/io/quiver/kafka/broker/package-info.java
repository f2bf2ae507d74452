/**
 * A single-node KRaft Kafka broker for tests, examples and benchmarks, run as a process of its own
 * on 127.0.0.1 from Apache Kafka's own Maven artifacts (no docker, no download at run time).
 *
 * <p>{@link io.quiver.kafka.broker.BrokerMain} is the broker process's main class: it writes the
 * broker's properties into its directory, formats the log directory when it is new (Kafka's {@code
 * kafka-storage format}) and runs the broker until it is killed. {@link
 * io.quiver.kafka.broker.KafkaBrokerProcess} starts one from Java (the ITs, the benchmark) with the
 * class path Maven wrote to {@code target/broker.classpath}; {@code bin/kafka-broker} does the same
 * from the shell (used by {@code quiver up examples/23_kafka_gd}). Nothing here is part of {@code
 * quiver.jar}.
 */
package io.quiver.kafka.broker;
