package dev.feedlink.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.feedlink.events.RefreshJobRequested;
import dev.feedlink.platform.time.AdjustableClock;
import dev.feedlink.schemas.AvroEventDeserializer;
import dev.feedlink.schemas.Topics;
import dev.feedlink.testkit.TestInfrastructure;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two scheduler instances - two application contexts, as two processes would be - against one
 * database and the real Kafka, racing for thousands of schedules that come due at the same moment:
 * every schedule fires exactly once, counted both on Kafka and in the rows.
 */
class TwoInstancesTest {

  private static final int SCHEDULES = 3_000;
  private static final String SCHEMA = "scheduler_race";

  private final List<ConfigurableApplicationContext> instances = new ArrayList<>();

  @AfterEach
  void stopInstances() {
    instances.forEach(ConfigurableApplicationContext::close);
  }

  private ConfigurableApplicationContext start(AdjustableClock clock) {
    List<String> args = new ArrayList<>();
    TestInfrastructure.get().springProperties().forEach((k, v) -> args.add("--" + k + "=" + v));
    args.addAll(List.of(
        "--server.port=0",
        // A schema of its own: no other scheduler of this test JVM reaches these schedules.
        "--spring.r2dbc.properties.schema=" + SCHEMA,
        "--spring.flyway.schemas=" + SCHEMA,
        "--spring.flyway.default-schema=" + SCHEMA,
        "--feedlink.scheduler.batch-size=100",
        "--feedlink.scheduler.poll-interval=100ms",
        "--feedlink.outbox.poll-interval=50ms"));
    ConfigurableApplicationContext context =
        new SpringApplicationBuilder(StreamSchedulerApplication.class)
            .initializers(ctx -> ctx.getBeanFactory().registerSingleton("clock", clock))
            .run(args.toArray(String[]::new));
    instances.add(context);
    return context;
  }

  @Test
  void twoInstancesFireThousandsOfSchedulesDueAtOnceEachExactlyOnce() throws Exception {
    AdjustableClock clock = new AdjustableClock();
    ConfigurableApplicationContext first = start(clock);
    ConfigurableApplicationContext second = start(clock);

    Instant due = clock.instant().plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS);
    Set<String> accounts = insertDailySchedules(due);

    clock.advance(Duration.between(clock.instant(), due).plusSeconds(1));

    // Every schedule fired (its row holds its job), and the outbox has been relayed to Kafka.
    await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
        .until(() -> count("SELECT count(*) FROM stream_account WHERE job_id IS NOT NULL") == SCHEDULES
            && count("SELECT count(*) FROM outbox") == 0);

    List<RefreshJobRequested> jobs = readAll(Topics.REFRESH_JOBS).stream()
        .filter(j -> accounts.contains(j.getAccountId()))
        .toList();
    assertThat(jobs).hasSize(SCHEDULES);
    assertThat(jobs.stream().map(RefreshJobRequested::getAccountId).distinct()).hasSize(SCHEDULES);
    assertThat(jobs.stream().map(RefreshJobRequested::getJobId).distinct()).hasSize(SCHEDULES);
    assertThat(jobs).allMatch(j -> j.getScheduledFor().equals(due));

    // The rows agree: each job on Kafka is the one its account holds, and each moved on to the
    // next daily run (00:00 UTC) after the firing.
    Instant nextDay = due.truncatedTo(ChronoUnit.DAYS).plus(Duration.ofDays(1));
    Map<String, String> rowJobs = new HashMap<>();
    try (Connection c = jdbc(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT account_id, job_id, next_run_at FROM stream_account")) {
      while (rs.next()) {
        rowJobs.put(rs.getString(1), rs.getString(2));
        assertThat(rs.getTimestamp(3).toInstant()).isEqualTo(nextDay);
      }
    }
    for (RefreshJobRequested job : jobs) {
      assertThat(rowJobs.get(job.getAccountId())).isEqualTo(job.getJobId());
    }

    // Both instances took part, and together fired each schedule once.
    double firstFired = fired(first);
    double secondFired = fired(second);
    assertThat(firstFired).isPositive();
    assertThat(secondFired).isPositive();
    assertThat(firstFired + secondFired).isEqualTo(SCHEDULES);
  }

  private static double fired(ConfigurableApplicationContext context) {
    return context.getBean(MeterRegistry.class).counter("feedlink.scheduler.fired").count();
  }

  private Set<String> insertDailySchedules(Instant due) throws Exception {
    Set<String> ids = new HashSet<>();
    UUID app = UUID.randomUUID();
    try (Connection c = jdbc();
        PreparedStatement insert = c.prepareStatement(
            "INSERT INTO stream_account (account_id, app_id, connection_id, account_number, data_types, active,"
                + " set_by_client, schedule_type, data_type, next_run_at, updated_at)"
                + " VALUES (?, ?, ?, ?, '{interval}', true, true, 'daily', 'interval', ?, now())")) {
      for (int i = 0; i < SCHEDULES; i++) {
        UUID account = UUID.randomUUID();
        ids.add(account.toString());
        insert.setObject(1, account);
        insert.setObject(2, app);
        insert.setObject(3, UUID.randomUUID());
        insert.setString(4, "acct-" + i);
        insert.setTimestamp(5, Timestamp.from(due));
        insert.addBatch();
      }
      insert.executeBatch();
    }
    return ids;
  }

  private static Connection jdbc() throws Exception {
    Connection c = TestInfrastructure.get().openJdbc();
    try (Statement s = c.createStatement()) {
      s.execute("SET search_path TO " + SCHEMA);
    }
    return c;
  }

  private static long count(String sql) throws Exception {
    try (Connection c = jdbc(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** Everything on the topic, from the beginning to its current end. */
  private static List<RefreshJobRequested> readAll(String topic) {
    AvroEventDeserializer deserializer = new AvroEventDeserializer();
    List<RefreshJobRequested> out = new ArrayList<>();
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
        Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.get().kafkaBootstrapServers()),
        new StringDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
          .map(p -> new TopicPartition(topic, p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
          if (deserializer.deserialize(topic, r.value()) instanceof RefreshJobRequested job) {
            out.add(job);
          }
        }
      }
    }
    return out;
  }
}
