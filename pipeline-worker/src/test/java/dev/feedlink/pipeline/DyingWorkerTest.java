package dev.feedlink.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.feedlink.events.FailureReason;
import dev.feedlink.events.SessionStatusChanged;
import dev.feedlink.pipeline.session.PipelineProperties;
import dev.feedlink.pipeline.session.SessionRunner;
import dev.feedlink.sandbox.control.domain.Settings;
import dev.feedlink.testkit.TestInfrastructure;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.client.ReactorResourceFactory;

/**
 * A second pipeline-worker instance ("A", in this JVM, on the same Kafka, database and clock) takes
 * a session and dies in the middle of it, holding its lease, as a crashed process would. The test's
 * own instance ("B") either resumes the session once the lease lapses or, if nobody resumes it,
 * times it out with its watchdog. Either way every transition is emitted once.
 */
class DyingWorkerTest extends PipelineIntegrationTest {

  @Autowired SessionRunner runner;
  @Autowired PipelineProperties properties;

  private Settings before;
  private ConfigurableApplicationContext instanceA;

  @BeforeEach
  void slowProviderAndOnlyInstanceATakesSessions() {
    before = SANDBOX.settings().current();
    SANDBOX.settings().update(s -> new Settings(Duration.ofSeconds(4), s.webhookDelay(), s.consentDays(), s.deviceTrustDays(),
        s.retryAfter(), s.unavailable(), s.dataUnavailable()));
    runner.stop();
    instanceA = startInstanceA();
  }

  @AfterEach
  void restore() {
    if (instanceA != null && instanceA.isActive()) {
      instanceA.close();
    }
    SANDBOX.settings().update(s -> before);
    if (!runner.isRunning()) {
      runner.start();
    }
  }

  private ConfigurableApplicationContext startInstanceA() {
    Map<String, Object> props = new LinkedHashMap<>(TestInfrastructure.get().springProperties());
    props.put("server.port", 0);
    props.put("feedlink.sandbox.base-url", SANDBOX.baseUrl());
    props.put("feedlink.pipeline.initial-history", "P10D");
    props.put("feedlink.pipeline.poll-interval", "50ms");
    props.put("feedlink.pipeline.http.response-timeout", "10s");
    props.put("feedlink.outbox.poll-interval", "50ms");
    // Dies like a crashed process: keeps holding what it was working on.
    props.put("feedlink.pipeline.release-on-stop", false);
    SpringApplication app = new SpringApplication(PipelineWorkerApplication.class);
    app.setRegisterShutdownHook(false);
    // One clock for every instance, as one wall clock is for real processes.
    app.addInitializers(context -> {
      context.getBeanFactory().registerSingleton("sharedClock", clock);
      // Its own Netty event loops: closing it must not take down the shared ones the sandbox and
      // the other instance run on.
      ReactorResourceFactory resources = new ReactorResourceFactory();
      resources.setUseGlobalResources(false);
      context.getBeanFactory().registerSingleton("reactorResourceFactory", resources);
    });
    List<String> args = new ArrayList<>();
    props.forEach((k, v) -> args.add("--" + k + "=" + v));
    return app.run(args.toArray(String[]::new));
  }

  /** Starts a session on instance A and kills A while it is loading. */
  private UUID sessionLeftByADyingWhileLoading() throws Exception {
    String ownerA = instanceA.getBean(SessionRunner.class).owner();
    UUID session = connect(utility("user_slow"));
    try {
      awaitCode(session, 2);
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      throw new AssertionError("no Loading: " + describe(session) + " lease " + leaseOf(session), e);
    }

    instanceA.close();

    assertThat(leaseOf(session)).as("A died holding the session in Loading").containsExactly(ownerA, "LOAD");
    assertThat(codes(session)).containsExactly(6, 9, 2);
    return session;
  }

  @Test
  void anotherInstanceResumesTheSessionWhenTheDeadOnesLeaseLapses() throws Exception {
    UUID session = sessionLeftByADyingWhileLoading();

    runner.start();
    clock.advance(properties.lease().plusSeconds(1));

    assertFinalCodes(session).isEqualTo(SYNCED_AFTER_LOGIN);
    List<SessionStatusChanged> statuses = statuses(session);
    assertThat(statuses.stream().map(SessionStatusChanged::getEventId).distinct()).hasSize(statuses.size());
    assertGapFreeSequence(UUID.fromString(statuses.get(0).getConnectionId()));
  }

  @Test
  void whenNobodyResumesItTheWatchdogTimesTheSessionOut() throws Exception {
    UUID session = sessionLeftByADyingWhileLoading();

    clock.advance(properties.stallTimeout().plusMinutes(1));

    assertFinalCodes(session).containsExactly(6, 9, 2, 23);
    assertThat(statuses(session).get(3).getFailure().getReason()).isEqualTo(FailureReason.STALLED);
  }

  private static List<String> leaseOf(UUID session) throws Exception {
    try (Connection c = TestInfrastructure.get().openJdbc();
        PreparedStatement q = c.prepareStatement("SELECT lease_owner, step FROM pipeline.session WHERE session_id = ?")) {
      q.setObject(1, session);
      try (ResultSet rs = q.executeQuery()) {
        rs.next();
        return List.of(String.valueOf(rs.getString(1)), rs.getString(2));
      }
    }
  }
}
