package dev.feedlink.localstack.readme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.feedlink.localstack.readme.BashRun.Outcome;
import dev.feedlink.localstack.readme.ReadmeExamples.Example;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the README's commands are run: one shell, what each printed, its HTTP status, where it stopped. */
class BashRunTest {

  @TempDir Path dir;
  private HttpServer server;

  @BeforeEach
  void serve() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/accepted", exchange -> {
      byte[] body = "{\"replayed\":1}".getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(202, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    server.createContext("/missing", exchange -> {
      exchange.sendResponseHeaders(404, -1);
      exchange.close();
    });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private static Example command(String command) {
    return new Example(1, command, null);
  }

  private String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  @Test
  void commandsShareOneShellAndKeepWhatTheyPrintedAndTheirLastStatus() {
    Outcome outcome = BashRun.run(List.of(
        command("ANSWER=$(curl -s -X POST " + url("/accepted") + ")"),
        command("echo \"$ANSWER\" | jq -c ."),
        command("curl -s " + url("/missing") + "\ncurl -s -X POST " + url("/accepted"))),
        dir, Duration.ofSeconds(30));

    assertThat(outcome.stoppedAt()).isEqualTo(-1);
    assertThat(outcome.results()).extracting(BashRun.Result::status).containsExactly(202, null, 202);
    assertThat(outcome.results().get(1).printed()).isEqualTo("{\"replayed\":1}\n");
  }

  @Test
  void aFailingCommandStopsTheRunAndSaysWhere() {
    Outcome outcome = BashRun.run(List.of(command("echo one"), command("echo \"$UNSET_VARIABLE\""), command("echo three")),
        dir, Duration.ofSeconds(30));

    assertThat(outcome.stoppedAt()).isEqualTo(1);
    assertThat(outcome.why()).contains("exit code").contains("UNSET_VARIABLE");
    assertThat(outcome.results()).extracting(BashRun.Result::ran).containsExactly(true, false, false);
  }

  @Test
  void aCommandThatNeverFinishesIsStoppedAfterItsTime() {
    Outcome outcome = BashRun.run(List.of(command("until false; do sleep 0.2; done")), dir, Duration.ofSeconds(1));

    assertThat(outcome.stoppedAt()).isZero();
    assertThat(outcome.why()).contains("did not finish within 1 s");
  }

  @Test
  void aMissingToolIsNamed() {
    assertThatThrownBy(() -> BashRun.requireTools("curl", "no-such-tool-for-the-readme"))
        .hasMessageContaining("`no-such-tool-for-the-readme`")
        .hasMessageContaining("apt-get install -y no-such-tool-for-the-readme");
  }
}
