package dev.feedlink.embeddedkafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.common.utils.Exit;
import org.apache.kafka.common.utils.Utils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kafka (KRaft, broker and controller in one) inside this JVM, for the tests
 * and the local stack where no Kafka is installed.
 *
 * <p>Built on Kafka's own test kit rather than spring-kafka-test's EmbeddedKafkaKraftBroker for
 * two reasons: that one ignores a requested port in KRaft mode, and it leaves the broker's
 * directory to a JVM shutdown hook of the test kit, which deleted it while the broker was still
 * shutting down at exit (checkpoint-file errors on every run). Here the directory is ours, and
 * {@link #close()} removes it only once the broker has stopped.
 */
public final class InJvmKafka implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(InJvmKafka.class);

  private final KafkaClusterTestKit cluster;
  private final Path directory;
  private final int port;

  private InJvmKafka(KafkaClusterTestKit cluster, Path directory, int port) {
    this.cluster = cluster;
    this.directory = directory;
    this.port = port;
  }

  /**
   * Starts a broker and waits until it is ready.
   *
   * @param port the port clients connect to; 0 for any free one
   * @param partitions partitions of topics created without saying how many
   */
  public static InJvmKafka start(int port, int partitions) {
    // A broker that hits a fatal error must not take the tests or the local stack down with it.
    Exit.setExitProcedure((status, message) -> log.warn("Kafka asked to exit({}): {}", status, message));
    Exit.setHaltProcedure((status, message) -> log.warn("Kafka asked to halt({}): {}", status, message));
    Path directory;
    try {
      directory = Files.createTempDirectory("feedlink-kafka-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    KafkaClusterTestKit.Builder builder =
        new KafkaClusterTestKit.Builder(
                new TestKitNodes.Builder()
                    .setCombined(true)
                    .setNumBrokerNodes(1)
                    .setNumControllerNodes(1)
                    .setBaseDirectory(directory)
                    .build())
            .setConfigProp("num.partitions", String.valueOf(partitions))
            .setConfigProp("offsets.topic.replication.factor", "1")
            .setConfigProp("transaction.state.log.replication.factor", "1")
            .setConfigProp("transaction.state.log.min.isr", "1")
            .setConfigProp("group.initial.rebalance.delay.ms", "0")
            .setConfigProp("delete.topic.enable", "true")
            // The directory is ours to remove (close() and a failed start), not the test kit's.
            .setDeleteOnClose(false);
    if (port > 0) {
      // The test kit binds its own two listeners to ports it picks, whatever they are set to; a
      // third listener, which it knows nothing of, is bound to the port asked for.
      builder.setConfigProp("listener.security.protocol.map", "EXTERNAL:PLAINTEXT,CONTROLLER:PLAINTEXT,LOCAL:PLAINTEXT");
      builder.setConfigProp("listeners", "EXTERNAL://localhost:0,CONTROLLER://localhost:0,LOCAL://localhost:" + port);
    }
    KafkaClusterTestKit cluster = null;
    try {
      cluster = builder.build();
      cluster.format();
      cluster.startup();
      cluster.waitForReadyBrokers();
      return new InJvmKafka(cluster, directory, port);
    } catch (Exception e) {
      if (cluster != null) {
        try {
          cluster.close();
        } catch (Exception suppressed) {
          e.addSuppressed(suppressed);
        }
      }
      removeDirectory(directory);
      throw new IllegalStateException("in-JVM Kafka did not start" + (port > 0 ? " on port " + port : ""), e);
    }
  }

  /** Where clients connect: the port asked for, else the one the test kit picked. */
  public String bootstrapServers() {
    return port > 0 ? "localhost:" + port : cluster.bootstrapServers();
  }

  /** Stops the broker, then removes its directory. */
  @Override
  public void close() {
    try {
      cluster.close();
    } catch (Exception e) {
      log.warn("in-JVM Kafka did not stop cleanly: {}", e.toString());
    }
    removeDirectory(directory);
  }

  private static void removeDirectory(Path directory) {
    try {
      Utils.delete(directory.toFile());
    } catch (IOException e) {
      log.warn("could not remove {}: {}", directory, e.toString());
    }
  }
}
