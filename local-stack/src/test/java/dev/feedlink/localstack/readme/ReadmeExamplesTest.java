package dev.feedlink.localstack.readme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.feedlink.localstack.LocalStack;
import dev.feedlink.localstack.RunningStack;
import dev.feedlink.localstack.StackSettings;
import dev.feedlink.localstack.journey.WebhookReceiver;
import dev.feedlink.localstack.readme.BashRun.Outcome;
import dev.feedlink.localstack.readme.BashRun.Result;
import dev.feedlink.localstack.readme.ReadmeExamples.Example;
import dev.feedlink.testkit.TestInfrastructure;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the README's examples, in order, against a fresh local stack, and checks each command's
 * answer against the one the README shows under it: so the README cannot drift from the API. The
 * documented ports (gateway 8080, sandbox provider 8090, webhook sink 8099) become this stack's, and
 * the sink is a receiver this test runs.
 */
class ReadmeExamplesTest {

  private static final Path README = Path.of("..", "README.md").toAbsolutePath().normalize();
  private static final String ADMIN_TOKEN = "local-admin-token";
  private static final Pattern DOCUMENTED_PORT = Pattern.compile("\\b(localhost|127\\.0\\.0\\.1):(8080|8090|8099)\\b");

  private static RunningStack stack;
  private static WebhookReceiver sink;

  @BeforeAll
  static void startTheLocalStack() throws Exception {
    BashRun.requireTools("curl", "jq");
    TestInfrastructure infra = TestInfrastructure.get();
    stack = LocalStack.start(
        new StackSettings(infra.kafkaBootstrapServers(), infra.r2dbcUrl(), infra.jdbcUrl(), infra.user(), infra.password(),
            0, 0, 0, 0, 0, ADMIN_TOKEN,
            Map.of("logging.level.root", "WARN", "logging.level.dev.feedlink", "WARN")));
    LocalStack.awaitHealthy(stack, Duration.ofSeconds(120));
    sink = WebhookReceiver.start();
  }

  @AfterAll
  static void stop() {
    if (sink != null) {
      sink.close();
    }
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  void everyExampleInTheReadmeAnswersWhatTheReadmeShows(@TempDir Path dir) throws IOException {
    List<Example> examples = ReadmeExamples.parse(Files.readAllLines(README));
    assertThat(examples).as("runnable examples in " + README).isNotEmpty();
    List<Example> here = examples.stream().map(this::onThisStack).toList();

    Instant started = Instant.now();
    Outcome outcome = BashRun.run(here, dir, Duration.ofSeconds(90));
    System.out.printf("README: %d examples ran in %.1f s%n", examples.size(), Duration.between(started, Instant.now()).toMillis() / 1000.0);

    AnswerMatcher matcher = new AnswerMatcher();
    List<String> problems = new ArrayList<>();
    for (int i = 0; i < examples.size(); i++) {
      Example example = examples.get(i);
      Result result = outcome.results().get(i);
      if (i == outcome.stoppedAt()) {
        problems.add(report(example, outcome.why(), result));
        break;
      }
      if (!result.ran()) {
        problems.add("bash stopped before README line " + example.line() + ": " + outcome.why());
        break;
      }
      Optional<String> why =
          example.answer() == null
              ? unshown(result)
              : ShownAnswer.parse(onThisStack(example.answer())).mismatch(result.status(), result.printed(), matcher);
      why.ifPresent(w -> problems.add(report(example, w, result)));
    }
    if (!problems.isEmpty()) {
      fail(problems.size() + " README example(s) do not answer what the README shows:\n\n" + String.join("\n\n", problems));
    }
    assertThat(sink.deliveries()).as("webhooks at the sink the README registers").isNotEmpty();
  }

  /** A command whose answer the README does not show must print nothing and not fail over HTTP. */
  private static Optional<String> unshown(Result result) {
    if (!result.printed().isBlank()) {
      return Optional.of("printed an answer the README does not show (add it as # lines under the command)");
    }
    if (result.status() != null && result.status() / 100 != 2) {
      return Optional.of("answered " + result.status() + " but the README shows no answer");
    }
    return Optional.empty();
  }

  private static String report(Example example, String why, Result result) {
    return "README.md line " + example.line() + ": " + why + "\n"
        + indent(example.command(), "  $ ") + "\n"
        + "  README shows: " + (example.answer() == null ? "(nothing)" : example.answer().replace("\n", "\n                ")) + "\n"
        + "  actual:       " + (result.status() == null ? "" : result.status() + " ") + result.printed().strip().replace("\n", "\n                ");
  }

  private static String indent(String text, String prefix) {
    return prefix + text.replace("\n", "\n" + prefix.replace('$', ' '));
  }

  private Example onThisStack(Example example) {
    return new Example(example.line(), onThisStack(example.command()), example.answer());
  }

  /** The documented local ports become this stack's. */
  private String onThisStack(String text) {
    Matcher m = DOCUMENTED_PORT.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      int port = switch (m.group(2)) {
        case "8080" -> stack.port(LocalStack.CONNECTION_SERVICE);
        case "8090" -> stack.port(LocalStack.SANDBOX_PROVIDER);
        default -> URI.create(sink.url()).getPort();
      };
      m.appendReplacement(out, Matcher.quoteReplacement(m.group(1) + ":" + port));
    }
    m.appendTail(out);
    return out.toString();
  }
}
