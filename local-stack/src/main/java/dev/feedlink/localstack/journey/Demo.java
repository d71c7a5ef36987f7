package dev.feedlink.localstack.journey;

import java.io.PrintStream;
import java.time.Duration;

/**
 * Plays the whole journey against a running local stack and prints it as a timeline: what the app
 * did, what the connection's status became, and every webhook the app received (signature checked).
 * Run it beside the launcher: {@code java -jar local-stack/target/local-stack-*-exec.jar demo}.
 */
public final class Demo {

  private Demo() {}

  public static void main(String[] args) {
    PrintStream out = System.out;
    String gateway = env("FEEDLINK_URL", "http://localhost:8080");
    String sandbox = env("FEEDLINK_SANDBOX_URL", "http://localhost:8090");
    String adminToken = env("ADMIN_TOKEN", "local-admin-token");
    out.println("Feedlink demo against " + gateway + " (sandbox provider " + sandbox + ")");
    out.println("Every line is something the app did or saw; indented lines are webhooks it received.");
    out.println();
    try (WebhookReceiver receiver = WebhookReceiver.start()) {
      new Journey(new FeedlinkApi(gateway, sandbox), receiver, out::println, Duration.ofSeconds(90)).play(adminToken);
      out.println();
      out.println("done: " + receiver.deliveries().size() + " webhooks received, every signature verified: "
          + receiver.deliveries().stream().allMatch(WebhookReceiver.Delivery::signatureValid));
    } catch (JourneyFailed e) {
      out.println();
      out.println("the demo stopped: " + e.getMessage());
      System.exit(1);
    }
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }
}
