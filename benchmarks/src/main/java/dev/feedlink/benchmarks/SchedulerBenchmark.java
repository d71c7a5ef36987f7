package dev.feedlink.benchmarks;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.feedlink.events.RefreshJobRequested;
import dev.feedlink.events.RefreshTrigger;
import dev.feedlink.scheduler.StreamSchedulerApplication;
import dev.feedlink.scheduler.firing.FiringLoop;
import dev.feedlink.schemas.AvroEventDeserializer;
import dev.feedlink.schemas.AvroEventSerializer;
import dev.feedlink.schemas.Topics;
import dev.feedlink.testkit.TestInfrastructure;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.IntFunction;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Due refresh jobs emitted per second by one stream-scheduler instance holding 1,000,000 active
 * daily schedules, and how late they fire, against db-scheduler (the baseline) doing the same work
 * on the same PostgreSQL and Kafka in the same run.
 *
 * <p>The workload, the same for both: 1,000,000 daily schedules bulk-loaded with COPY, running
 * while they come due on the wall clock. "Paced": 100,000 of them come due evenly over 20 s
 * (5,000/s, half the target rate); measured is each job's lateness, its Kafka timestamp (when the
 * producer sent it) minus when it was due. "Burst": 10 s later 300,000 others all come due at the
 * same instant (every account sharing a schedule without jitter, or a scheduler back from
 * downtime); measured is how fast their jobs reach Kafka: 300,000 over the time from that instant
 * to the Kafka timestamp of the last one. The other 600,000 are due tomorrow. Each fired job is a
 * RefreshJobRequested on Kafka; the baseline's task sends the same record itself and reschedules
 * the task for the next day, which is db-scheduler's recurring-task pattern.
 */
public final class SchedulerBenchmark {

  private static final int SCHEDULES = 1_000_000;
  private static final int BURST = 300_000;
  private static final int PACED = 100_000;
  /** Due before the measured phases, so both schedulers are warmed up as a running service is. */
  private static final int WARMUP = 20_000;
  private static final Duration PACED_OVER = Duration.ofSeconds(20);
  /** From the start of loading to the first paced due time: loading must be done by then. */
  private static final Duration LEAD = Duration.ofSeconds(75);
  private static final Duration BURST_AFTER_PACED = PACED_OVER.plusSeconds(10);
  private static final String BASELINE_TOPIC = "bench.dbscheduler.refresh.jobs";
  private static final int BASELINE_THREADS = 16;

  record Result(String name, double jobsPerSecond, double committedPerSecond, long p50, long p99, long max) {}

  /** When the paced schedules come due (evenly over the window from {@code start}) and the burst. */
  record Plan(Instant pacedStart, Instant burstAt) {
    static Plan from(Instant loadStart) {
      Instant paced = loadStart.plus(LEAD).truncatedTo(ChronoUnit.SECONDS);
      return new Plan(paced, paced.plus(BURST_AFTER_PACED));
    }

    Instant paced(int i) {
      return pacedStart.plusNanos(PACED_OVER.toNanos() / PACED * i);
    }

    /** Warm-up runs: evenly over 5 s, ending 10 s before the paced ones. */
    Instant warmup(int i) {
      return pacedStart.minusSeconds(15).plusNanos(Duration.ofSeconds(5).toNanos() / WARMUP * i);
    }

    boolean isPaced(Instant scheduledFor) {
      return !scheduledFor.isBefore(pacedStart) && scheduledFor.isBefore(pacedStart.plus(PACED_OVER));
    }

    Instant loadDeadline() {
      return pacedStart.minusSeconds(15);
    }

    boolean isBurst(Instant scheduledFor) {
      return scheduledFor.equals(burstAt);
    }

    void requireLoadedInTime(String who) {
      if (Instant.now().isAfter(loadDeadline())) {
        throw new IllegalStateException(who + ": loading took longer than " + LEAD + "; the machine is too busy for this run");
      }
    }
  }

  public static void main(String[] args) throws Exception {
    TestInfrastructure infra = TestInfrastructure.get();
    createTopic(infra, BASELINE_TOPIC);
    System.out.printf("SchedulerBenchmark: %,d active daily schedules; paced: %,d due over %d s; burst: %,d due at one instant%n",
        SCHEDULES, PACED, PACED_OVER.toSeconds(), BURST);

    // Arguments: Spring properties for the Feedlink instance (--feedlink.scheduler.batch-size=2000),
    // and "feedlink-only" to skip the baseline while tuning.
    List<String> overrides = java.util.Arrays.stream(args).filter(a -> a.startsWith("--")).toList();
    Result feedlink = feedlink(infra, overrides);
    if (List.of(args).contains("feedlink-only")) {
      System.exit(0);
    }
    Result baseline = dbScheduler(infra);

    System.out.println();
    System.out.println("| scheduler | due jobs on Kafka per second (burst) | lateness p50 | p99 | max (paced, 5,000/s) |");
    System.out.println("| --- | ---: | ---: | ---: | ---: |");
    for (Result r : List.of(feedlink, baseline)) {
      System.out.printf("| %s | %,.0f | %d ms | %d ms | %d ms |%n", r.name(), r.jobsPerSecond(), r.p50(), r.p99(), r.max());
    }
    System.out.printf("(feedlink committed the burst's jobs to its outbox at %,.0f jobs/s)%n", feedlink.committedPerSecond());
    System.out.printf("ratio feedlink / db-scheduler: throughput %.2fx, p99 lateness %.2fx%n",
        feedlink.jobsPerSecond() / baseline.jobsPerSecond(), (double) feedlink.p99() / Math.max(1, baseline.p99()));
    System.out.printf("target >= 10,000 jobs/s: %s%n", feedlink.jobsPerSecond() >= 10_000 ? "met" : "NOT met");
    System.exit(0);
  }

  // --- Feedlink's stream-scheduler ---------------------------------------------------------------

  private static Result feedlink(TestInfrastructure infra, List<String> overrides) throws Exception {
    // The test infrastructure's settings, but the service's own pool size (the tests keep theirs small).
    Map<String, String> props = new java.util.LinkedHashMap<>(infra.springProperties());
    props.remove("spring.r2dbc.pool.max-size");
    props.putAll(Map.of("server.port", "0", "feedlink.scheduler.firing-enabled", "false",
        "logging.level.root", "WARN", "logging.structured.format.console", ""));
    for (String override : overrides) {
      String[] kv = override.substring(2).split("=", 2);
      props.put(kv[0], kv.length > 1 ? kv[1] : "true");
    }
    List<String> args = new ArrayList<>();
    props.forEach((k, v) -> args.add("--" + k + "=" + v));
    ConfigurableApplicationContext context =
        new SpringApplicationBuilder(StreamSchedulerApplication.class).run(args.toArray(String[]::new));
    try (JobCounter counter = new JobCounter(infra, Topics.REFRESH_JOBS)) {
      Instant loadStart = Instant.now();
      Plan plan = Plan.from(loadStart);
      counter.plan(plan);
      copyRows(infra, "COPY scheduler.stream_account (account_id, app_id, connection_id, account_number, data_types,"
              + " active, set_by_client, schedule_type, data_type, schedule_details, next_run_at, updated_at)"
              + " FROM STDIN WITH (FORMAT csv)", "scheduler.stream_account",
          i -> UUID.randomUUID() + "," + UUID.randomUUID() + "," + UUID.randomUUID() + ",acct-" + i
              + ",{interval},t,t,daily,interval,{}," + due(plan, i) + "," + loadStart + "\n");
      System.out.printf("feedlink: loaded %,d schedules in %.1f s%n", SCHEDULES, Duration.between(loadStart, Instant.now()).toMillis() / 1e3);
      plan.requireLoadedInTime("feedlink");

      FiringLoop loop = context.getBean(FiringLoop.class);
      Counter fired = context.getBean(MeterRegistry.class).counter("feedlink.scheduler.fired");
      loop.start();
      try {
        // Committed: the burst's jobs are in the outbox; on Kafka: the relay has sent them.
        long committedAt = awaitCondition(() -> fired.count() >= WARMUP + PACED + BURST, Duration.ofMinutes(10));
        long last = counter.awaitBurst(BURST, Duration.ofMinutes(10));
        return report("feedlink stream-scheduler", plan, counter, last, committedAt);
      } finally {
        loop.stop();
      }
    } finally {
      context.close();
    }
  }

  // --- db-scheduler, the baseline ----------------------------------------------------------------

  private static Result dbScheduler(TestInfrastructure infra) throws Exception {
    try (Connection c = infra.openJdbc(); Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA IF NOT EXISTS dbsched");
      // db-scheduler's PostgreSQL table, as its documentation gives it.
      s.execute("CREATE TABLE dbsched.scheduled_tasks (task_name text NOT NULL, task_instance text NOT NULL,"
          + " task_data bytea, execution_time timestamptz NOT NULL, picked boolean NOT NULL, picked_by text,"
          + " last_success timestamptz, last_failure timestamptz, consecutive_failures int,"
          + " last_heartbeat timestamptz, version bigint NOT NULL, priority smallint,"
          + " PRIMARY KEY (task_name, task_instance))");
      s.execute("CREATE INDEX execution_time_idx ON dbsched.scheduled_tasks (execution_time)");
      s.execute("CREATE INDEX last_heartbeat_idx ON dbsched.scheduled_tasks (last_heartbeat)");
      s.execute("CREATE INDEX priority_execution_time_idx ON dbsched.scheduled_tasks (priority DESC, execution_time ASC)");
    }
    HikariConfig pool = new HikariConfig();
    pool.setJdbcUrl(infra.jdbcUrl() + "?currentSchema=dbsched");
    pool.setUsername(infra.user());
    pool.setPassword(infra.password());
    pool.setMaximumPoolSize(BASELINE_THREADS + 4);
    AvroEventSerializer serializer = new AvroEventSerializer();
    UUID app = UUID.randomUUID();
    UUID connection = UUID.randomUUID();
    try (HikariDataSource dataSource = new HikariDataSource(pool);
        KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafkaBootstrapServers(),
            ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4",
            ProducerConfig.LINGER_MS_CONFIG, 5,
            ProducerConfig.ACKS_CONFIG, "all",
            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true), new StringSerializer(), new ByteArraySerializer());
        JobCounter counter = new JobCounter(infra, BASELINE_TOPIC)) {
      Instant loadStart = Instant.now();
      Plan plan = Plan.from(loadStart);
      counter.plan(plan);
      copyRows(infra, "COPY dbsched.scheduled_tasks (task_name, task_instance, task_data, execution_time, picked,"
              + " picked_by, last_success, last_failure, consecutive_failures, last_heartbeat, version, priority)"
              + " FROM STDIN WITH (FORMAT csv)", "dbsched.scheduled_tasks",
          i -> "refresh," + UUID.randomUUID() + ",," + due(plan, i) + ",f,,,,0,,1,\n");
      System.out.printf("db-scheduler: loaded %,d tasks in %.1f s%n", SCHEDULES, Duration.between(loadStart, Instant.now()).toMillis() / 1e3);
      plan.requireLoadedInTime("db-scheduler");

      CustomTask<Void> refresh = Tasks.custom("refresh", Void.class)
          .execute((instance, ctx) -> {
            Instant due = ctx.getExecution().executionTime;
            RefreshJobRequested job = RefreshJobRequested.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setOccurredAt(Instant.now().truncatedTo(ChronoUnit.MILLIS))
                .setAppId(app.toString())
                .setConnectionId(connection.toString())
                .setAccountId(instance.getId())
                .setJobId(UUID.randomUUID().toString())
                .setDataType("interval")
                .setTrigger(RefreshTrigger.SCHEDULED)
                .setScheduledFor(due.truncatedTo(ChronoUnit.MILLIS))
                .setLateByMillis(Math.max(0, Duration.between(due, Instant.now()).toMillis()))
                .build();
            producer.send(new ProducerRecord<>(BASELINE_TOPIC, instance.getId(), serializer.serialize(BASELINE_TOPIC, job)));
            return new CompletionHandler.OnCompleteReschedule<>(Schedules.daily(ZoneOffset.UTC, LocalTime.MIDNIGHT));
          });
      Scheduler scheduler = Scheduler.create(dataSource, List.of(refresh))
          .threads(BASELINE_THREADS)
          .pollingInterval(Duration.ofSeconds(1))
          .pollUsingLockAndFetch(0.5, 3.0)
          .build();
      scheduler.start();
      try {
        long last = counter.awaitBurst(BURST, Duration.ofMinutes(15));
        return report("db-scheduler 16.1.0 (" + BASELINE_THREADS + " threads, lock-and-fetch, 1 s polling)", plan, counter, last, -1);
      } finally {
        scheduler.stop();
      }
    }
  }

  // --- shared ------------------------------------------------------------------------------------

  /** Paced schedules first, then the burst, the warm-up, and the rest (due tomorrow). */
  private static String due(Plan plan, int i) {
    if (i < PACED) {
      return plan.paced(i).toString();
    }
    if (i < PACED + BURST) {
      return plan.burstAt().toString();
    }
    if (i < PACED + BURST + WARMUP) {
      return plan.warmup(i - PACED - BURST).toString();
    }
    return plan.burstAt().truncatedTo(ChronoUnit.DAYS).plus(Duration.ofDays(1)).toString();
  }

  private static Result report(String name, Plan plan, JobCounter counter, long lastBurstTimestamp, long committedAt) {
    long start = plan.burstAt().toEpochMilli();
    double perSecond = BURST * 1000.0 / Math.max(1, lastBurstTimestamp - start);
    double committed = committedAt < 0 ? Double.NaN : BURST * 1000.0 / Math.max(1, committedAt - start);
    Histogram h = counter.pacedLateness();
    System.out.printf("%s: burst of %,d on Kafka in %.1f s = %,.0f jobs/s%s; paced (%,d) lateness p50 %d ms, p99 %d ms, max %d ms%n",
        name, BURST, (lastBurstTimestamp - start) / 1000.0, perSecond,
        Double.isNaN(committed) ? "" : String.format(" (committed to the outbox at %,.0f jobs/s)", committed),
        h.getTotalCount(), h.getValueAtPercentile(50), h.getValueAtPercentile(99), h.getMaxValue());
    return new Result(name, perSecond, committed, h.getValueAtPercentile(50), h.getValueAtPercentile(99), h.getMaxValue());
  }

  private static long awaitCondition(BooleanSupplier done, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!done.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("not done within " + timeout);
      }
      Thread.sleep(10);
    }
    return System.currentTimeMillis();
  }

  /** Bulk-loads {@link #SCHEDULES} CSV rows with COPY, in chunks, then analyzes the table. */
  private static void copyRows(TestInfrastructure infra, String copySql, String table, IntFunction<String> row)
      throws Exception {
    try (Connection c = infra.openJdbc()) {
      CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
      StringBuilder csv = new StringBuilder();
      for (int i = 0; i < SCHEDULES; i++) {
        csv.append(row.apply(i));
        if (csv.length() > 8_000_000 || i == SCHEDULES - 1) {
          copy.copyIn(copySql, new StringReader(csv.toString()));
          csv.setLength(0);
        }
      }
      try (Statement s = c.createStatement()) {
        s.execute("ANALYZE " + table);
      }
    }
  }

  private static void createTopic(TestInfrastructure infra, String topic) throws Exception {
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafkaBootstrapServers()))) {
      admin.createTopics(List.of(new NewTopic(topic, 6, (short) 1))).all().get();
    }
  }

  /**
   * Reads a topic from its current end: the paced jobs' lateness (Kafka timestamp, when the
   * producer sent the job, minus when it was due) and the burst's count and last timestamp.
   */
  static final class JobCounter implements AutoCloseable {
    private final KafkaConsumer<String, byte[]> consumer;
    private final AvroEventDeserializer deserializer = new AvroEventDeserializer();
    private final AtomicLong burst = new AtomicLong();
    private final AtomicLong lastBurstTimestamp = new AtomicLong();
    private final Histogram paced = new Histogram(3_600_000L, 3);
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread thread;
    private volatile Plan plan;

    JobCounter(TestInfrastructure infra, String topic) {
      consumer = new KafkaConsumer<>(Map.of(
          ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafkaBootstrapServers(),
          ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000), new StringDeserializer(), new ByteArrayDeserializer());
      List<TopicPartition> partitions = consumer.partitionsFor(topic).stream().map(p -> new TopicPartition(topic, p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToEnd(partitions);
      partitions.forEach(consumer::position);
      thread = new Thread(this::poll, "job-counter-" + topic);
      thread.setDaemon(true);
      thread.start();
    }

    void plan(Plan plan) {
      this.plan = plan;
    }

    private void poll() {
      while (running.get()) {
        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(100))) {
          RefreshJobRequested job = (RefreshJobRequested) deserializer.deserialize(r.topic(), r.value());
          if (plan.isBurst(job.getScheduledFor())) {
            lastBurstTimestamp.accumulateAndGet(r.timestamp(), Math::max);
            burst.incrementAndGet();
          } else if (plan.isPaced(job.getScheduledFor())) {
            synchronized (paced) {
              paced.recordValue(Math.max(0, Math.min(3_600_000L, r.timestamp() - job.getScheduledFor().toEpochMilli())));
            }
          }
        }
      }
      consumer.close();
    }

    /** Waits until {@code n} burst jobs were read; returns the Kafka timestamp of the latest. */
    long awaitBurst(long n, Duration timeout) throws InterruptedException {
      awaitCondition(() -> burst.get() >= n, timeout);
      return lastBurstTimestamp.get();
    }

    Histogram pacedLateness() {
      synchronized (paced) {
        return paced.copy();
      }
    }

    @Override
    public void close() throws InterruptedException {
      running.set(false);
      thread.join(5_000);
    }
  }
}
