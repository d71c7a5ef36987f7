package dev.feedlink.localstack;

import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/** A real single-node Kafka (KRaft) inside this JVM. */
final class LocalKafka implements AutoCloseable {

  private final EmbeddedKafkaKraftBroker broker;

  private LocalKafka(EmbeddedKafkaKraftBroker broker) {
    this.broker = broker;
  }

  static LocalKafka start(int port, int partitions) {
    EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, partitions);
    if (port > 0) {
      broker.kafkaPorts(port);
    }
    broker.brokerProperty("transaction.state.log.replication.factor", "1");
    broker.brokerProperty("transaction.state.log.min.isr", "1");
    broker.brokerProperty("offsets.topic.replication.factor", "1");
    broker.brokerProperty("group.initial.rebalance.delay.ms", "0");
    broker.afterPropertiesSet();
    return new LocalKafka(broker);
  }

  String bootstrapServers() {
    return broker.getBrokersAsString();
  }

  @Override
  public void close() {
    broker.destroy();
  }
}
