package io.quiver.connectors.amqp;

import io.quiver.spi.config.Config;
import io.quiver.spi.config.ConfigKey;
import io.quiver.spi.config.ConfigSpec;
import io.quiver.spi.config.ConfigType;
import io.quiver.value.Value;

/**
 * The validated settings of one {@code amqp} onramp (Tremor 0.11.12's keys, src/source/amqp.rs; the
 * queue options are lapin's {@code QueueDeclareOptions}).
 *
 * @param guaranteedDelivery a Quiver addition: ack each delivery only once its events were
 *     acknowledged downstream, requeue it when one failed
 */
record AmqpOnrampSettings(
    String amqpAddr,
    String queueName,
    boolean passive,
    boolean durable,
    boolean exclusive,
    boolean autoDelete,
    boolean nowait,
    String routingKey,
    String exchange,
    boolean guaranteedDelivery) {
  static final String QUEUE_NAME = "queue_name";
  static final String QUEUE_OPTIONS = "queue_options";
  static final String ROUTING_KEY = "routing_key";
  static final String EXCHANGE = "exchange";
  static final String GUARANTEED_DELIVERY = "guaranteed_delivery";

  static final ConfigSpec QUEUE_FIELDS =
      ConfigSpec.of(
          flag("passive", "Only check that the queue exists (declare nothing)."),
          flag("durable", "The queue survives a broker restart."),
          flag("exclusive", "The queue belongs to this connection only (deleted when it closes)."),
          flag("auto_delete", "The queue is deleted once its last consumer is gone."),
          flag("nowait", "Declare without waiting for the broker's answer."));

  static final ConfigSpec SPEC =
      ConfigSpec.of(
          AmqpAddress.KEY,
          ConfigKey.required(QUEUE_NAME, ConfigType.STRING, "The queue to declare and consume."),
          ConfigKey.required(
                  QUEUE_OPTIONS,
                  ConfigType.RECORD,
                  "How the queue is declared (each flag false when absent).")
              .withFields(QUEUE_FIELDS),
          ConfigKey.optional(
              ROUTING_KEY,
              ConfigType.STRING,
              Value.of(""),
              "The routing key the queue is bound to `exchange` with."),
          ConfigKey.optional(
              EXCHANGE,
              ConfigType.STRING,
              Value.of(""),
              "The exchange to bind the queue to; empty: no binding (the default exchange routes"
                  + " by queue name already; RabbitMQ refuses explicit bindings to it)."),
          ConfigKey.optional(
              GUARANTEED_DELIVERY,
              ConfigType.BOOL,
              Value.of(false),
              "Quiver addition. False (Tremor's behaviour): a delivery is acked once it was"
                  + " handed over. True: the onramp is transactional; a delivery is acked once its"
                  + " events were acknowledged downstream and requeued (nack) when one failed, so"
                  + " nothing is lost when Quiver or a downstream system goes away. Events dropped"
                  + " by a pipeline are never acknowledged: use it with pipelines that pass every"
                  + " event on."));

  static AmqpOnrampSettings of(Config config) {
    Config q = config.record(QUEUE_OPTIONS);
    return new AmqpOnrampSettings(
        config.string(AmqpAddress.AMQP_ADDR),
        config.string(QUEUE_NAME),
        q.bool("passive"),
        q.bool("durable"),
        q.bool("exclusive"),
        q.bool("auto_delete"),
        q.bool("nowait"),
        config.string(ROUTING_KEY),
        config.string(EXCHANGE),
        config.bool(GUARANTEED_DELIVERY));
  }

  static ConfigKey flag(String name, String doc) {
    return ConfigKey.optional(name, ConfigType.BOOL, Value.of(false), doc);
  }
}
