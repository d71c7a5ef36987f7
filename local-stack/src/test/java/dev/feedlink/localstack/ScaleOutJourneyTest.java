package dev.feedlink.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.feedlink.events.RefreshJobRequested;
import dev.feedlink.localstack.journey.FeedlinkApi;
import dev.feedlink.localstack.journey.Journey;
import dev.feedlink.localstack.journey.WebhookReceiver;
import dev.feedlink.localstack.journey.WebhookReceiver.Delivery;
import dev.feedlink.schemas.Topics;
import dev.feedlink.testkit.TestInfrastructure;
import dev.feedlink.testkit.TopicProbe;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.common.TopicPartition;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The same journey with two instances of every service sharing the work through their consumer
 * groups, the first instance of each stopped mid-journey: the survivors take every partition over,
 * nothing is lost, no webhook goes out twice under different ids, no schedule fires twice.
 */
class ScaleOutJourneyTest {

  private static final List<String> SCALED =
      List.of(LocalStack.PIPELINE_WORKER, LocalStack.STREAM_SCHEDULER, LocalStack.WEBHOOK_DISPATCHER, LocalStack.CONNECTION_SERVICE);

  private static RunningStack stack;
  private static WebhookReceiver receiver;
  private static TopicProbe refreshJobs;
  private static Admin admin;
  private static Journey journey;
  private static Map<String, Integer> membersWithTwoInstances;
  private static Map<String, Integer> membersAfterTheStop;

  @BeforeAll
  static void playTheJourneyOnTwoInstancesAndStopOneMidway() throws Exception {
    TestInfrastructure infra = TestInfrastructure.get();
    admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafkaBootstrapServers()));
    refreshJobs = new TopicProbe(Topics.REFRESH_JOBS);
    stack = LocalStack.start(
        new StackSettings(infra.kafkaBootstrapServers(), infra.r2dbcUrl(), infra.jdbcUrl(), infra.user(), infra.password(),
            0, 0, 0, 0, 0, "scale-admin", Map.of("logging.level.root", "WARN", "logging.level.dev.feedlink", "INFO")),
        2);
    receiver = WebhookReceiver.start();
    // Clients talk to the second gateway: the first one is among the instances stopped.
    String gateway = "http://localhost:" + stack.port(LocalStack.instanceName(LocalStack.CONNECTION_SERVICE, 2));
    FeedlinkApi api = new FeedlinkApi(gateway, "http://localhost:" + stack.port(LocalStack.SANDBOX_PROVIDER));
    journey = new Journey(api, receiver, System.out::println, Duration.ofSeconds(120));

    journey.createAppAndEndpoint("scale-admin");
    membersWithTwoInstances = awaitMembers(m -> m >= 2);
    journey.connectWithMfa();
    journey.activateDailyStream();

    for (String service : SCALED) {
      stack.stop(service);
      System.out.println("stopped the first instance of " + service);
    }
    membersAfterTheStop = awaitMembers(m -> m >= 1);

    journey.aDayPasses();
    journey.refreshWithNothingNew();
    journey.passwordChangesAtTheProvider();
    journey.newCredentialsRepairIt();
  }

  @AfterAll
  static void stop() {
    if (receiver != null) {
      receiver.close();
    }
    if (stack != null) {
      stack.close();
    }
    if (refreshJobs != null) {
      refreshJobs.close();
    }
    if (admin != null) {
      admin.close();
    }
  }

  /**
   * Members of every consumer group of the scaled services, once each group has a number of members
   * {@code enough} accepts and its members' assignments cover every partition of its topics.
   */
  private static Map<String, Integer> awaitMembers(java.util.function.IntPredicate enough) {
    Map<String, Integer> members = new TreeMap<>();
    Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
      members.clear();
      Set<String> groups =
          admin.listGroups().all().get().stream().map(GroupListing::groupId)
              .filter(g -> SCALED.stream().anyMatch(s -> g.startsWith(s + ".")))
              .collect(Collectors.toSet());
      assertThat(groups).isNotEmpty();
      for (ConsumerGroupDescription group : admin.describeConsumerGroups(groups).all().get().values()) {
        assertThat(enough.test(group.members().size())).as(group.groupId() + " members " + group.members().size()).isTrue();
        Set<TopicPartition> assigned =
            group.members().stream().flatMap(m -> m.assignment().topicPartitions().stream()).collect(Collectors.toSet());
        Set<String> topics = assigned.stream().map(TopicPartition::topic).collect(Collectors.toSet());
        assertThat(assigned).as(group.groupId() + " covers every partition").hasSize(topics.size() * 6);
        members.put(group.groupId(), group.members().size());
      }
    });
    return Map.copyOf(members);
  }

  @Test
  void everyServicesConsumerGroupHadBothInstancesThenTheSurvivorsTookEveryPartition() {
    assertThat(membersWithTwoInstances.keySet()).anyMatch(g -> g.startsWith(LocalStack.PIPELINE_WORKER))
        .anyMatch(g -> g.startsWith(LocalStack.STREAM_SCHEDULER))
        .anyMatch(g -> g.startsWith(LocalStack.WEBHOOK_DISPATCHER))
        .anyMatch(g -> g.startsWith(LocalStack.CONNECTION_SERVICE));
    membersAfterTheStop.forEach((group, members) ->
        assertThat(members).as(group).isLessThan(membersWithTwoInstances.get(group)));
  }

  @Test
  void nothingWasLostAfterTheStop() {
    assertThat(journey.scheduledDelivery.body().path("accounts").get(0).path("intervals").size()).isBetween(92, 100);
    assertThat(journey.noNewData.body().path("status").asString()).isEqualTo("no_new_data");
    assertThat(journey.reconnectionFailed.body().path("code").asInt()).isEqualTo(40101);
    assertThat(journey.contextAfterRepair.path("connection_status_reason").asString()).isEqualTo("DataFound");
  }

  @Test
  void noWebhookWasSentTwiceUnderDifferentIds() {
    Map<String, Set<String>> idsByMessage = new HashMap<>();
    for (Delivery d : receiver.deliveries()) {
      String message = d.type() + " " + d.body().path("connection_id").asString() + " #" + d.body().path("sequence").asLong();
      idsByMessage.computeIfAbsent(message, k -> new java.util.HashSet<>()).add(d.webhookId());
    }
    idsByMessage.forEach((message, ids) -> assertThat(ids).as(message).hasSize(1));
    List<Long> sequences =
        receiver.deliveries(d -> d.body().path("connection_id").asString().equals(journey.connectionId)).stream()
            .map(d -> d.body().path("sequence").asLong()).distinct().sorted().toList();
    assertThat(sequences).isEqualTo(java.util.stream.LongStream.rangeClosed(1, sequences.size()).boxed().toList());
  }

  @Test
  void noScheduleFiredTwice() {
    Map<String, Long> firings =
        refreshJobs.events(RefreshJobRequested.class).stream()
            .filter(j -> j.getAccountId().equals(journey.accountId))
            .filter(j -> j.getTrigger().name().equals("SCHEDULED"))
            .collect(Collectors.groupingBy(j -> j.getScheduledFor().toString(), Collectors.counting()));
    assertThat(firings).as("two days passed: two scheduled runs").hasSize(2);
    assertThat(firings.values()).allMatch(n -> n == 1);
    assertThat(receiver.deliveries(d -> d.type().equals("data.available")
        && d.body().path("job_id").asString().equals(journey.scheduledDelivery.body().path("job_id").asString())))
        .hasSize(1);
  }
}
