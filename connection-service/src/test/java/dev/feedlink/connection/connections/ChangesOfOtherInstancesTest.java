package dev.feedlink.connection.connections;

import static dev.feedlink.connection.support.ScriptedPipeline.SANDBOX_UTILITY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.feedlink.connection.readcache.ChangeFeed;
import dev.feedlink.connection.support.ServiceTest;
import dev.feedlink.testkit.TestInfrastructure;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Reads are cached per instance; a change committed by another instance (played here by plain SQL
 * with the same announcement) is seen at once, and a revoked token stops working at once.
 */
class ChangesOfOtherInstancesTest extends ServiceTest {

  private static void changeElsewhere(String sql, UUID id, String announcement) throws Exception {
    try (Connection db = TestInfrastructure.get().openJdbc()) {
      db.setAutoCommit(false);
      try (PreparedStatement update = db.prepareStatement(sql)) {
        update.setObject(1, id);
        update.executeUpdate();
      }
      try (PreparedStatement notify = db.prepareStatement("SELECT pg_notify(?, ?)")) {
        notify.setString(1, ChangeFeed.CHANNEL);
        notify.setString(2, announcement);
        notify.execute();
      }
      db.commit();
    }
  }

  @Test
  void aConnectionChangedByAnotherInstanceIsReadFreshAtOnce() throws Exception {
    TestApp app = createApp("other-instance");
    UUID id = UUID.fromString(link(app, SANDBOX_UTILITY, UUID.randomUUID(), "user_good", "pass_good")
        .body().path("connection_id").asString());
    assertThat(context(app, id).path("connection_status_reason").asString()).isEqualTo("New");
    assertThat(context(app, id).path("connection_status_reason").asString()).isEqualTo("New");

    changeElsewhere(
        "UPDATE connection.connection SET connection_status = 'Error', status_reason = 'RetryLater' WHERE connection_id = ?",
        id, "connection:" + id);

    Awaitility.await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(10))
        .until(() -> context(app, id).path("connection_status_reason").asString().equals("RetryLater"));
  }

  @Test
  void aTokenRevokedByAnotherInstanceStopsWorkingAtOnce() throws Exception {
    TestApp app = createApp("revoked-elsewhere");
    assertThat(get(app.token(), "/connections").status()).isEqualTo(200);
    assertThat(get(app.token(), "/connections").status()).isEqualTo(200);

    changeElsewhere("UPDATE connection.api_token SET revoked_at = now() WHERE app_id = ?", app.id(), "api-tokens");

    Awaitility.await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(10))
        .until(() -> get(app.token(), "/connections").status() == 401);
  }
}
