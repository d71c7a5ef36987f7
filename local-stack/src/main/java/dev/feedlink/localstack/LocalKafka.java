package dev.feedlink.localstack;

import dev.feedlink.embeddedkafka.InJvmKafka;

/** A real single-node Kafka (KRaft) inside this JVM, on the port the stack announces. */
final class LocalKafka implements AutoCloseable {

  private final InJvmKafka broker;

  private LocalKafka(InJvmKafka broker) {
    this.broker = broker;
  }

  static LocalKafka start(int port, int partitions) {
    return new LocalKafka(InJvmKafka.start(port, partitions));
  }

  String bootstrapServers() {
    return broker.bootstrapServers();
  }

  @Override
  public void close() {
    broker.close();
  }
}
