package dev.feedlink.localstack.readme;

import dev.feedlink.localstack.readme.ReadmeExamples.Example;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs examples one after another in one bash ({@code set -euo pipefail}), so they share shell
 * variables as a reader's terminal does, and keeps what each printed and the HTTP status of its
 * last curl request. curl is wrapped to write each response's headers to a file; nothing else about
 * the commands changes.
 */
final class BashRun {

  /** What one example did: whether it ran, what it printed, its last HTTP status (null: no request). */
  record Result(boolean ran, String printed, Integer status) {}

  /**
   * @param results one per example, in order
   * @param stoppedAt the example bash stopped in (failed or overran), or -1 when all finished
   * @param why why it stopped, with the end of bash's error output
   */
  record Outcome(List<Result> results, int stoppedAt, String why) {}

  private static final Pattern STATUS_LINE = Pattern.compile("(?m)^HTTP/\\S+ (\\d{3})");

  private BashRun() {}

  /** Fails with a message naming the tool when one the README needs is not on the PATH. */
  static void requireTools(String... tools) {
    for (String tool : tools) {
      try {
        Process which = new ProcessBuilder("bash", "-c", "command -v " + tool).redirectErrorStream(true).start();
        if (!which.waitFor(10, TimeUnit.SECONDS) || which.exitValue() != 0) {
          throw new IllegalStateException("the README's examples need `" + tool + "` on the PATH; install it"
              + " (Debian/Ubuntu: apt-get install -y " + tool + ")");
        }
      } catch (IOException e) {
        throw new IllegalStateException("the README's examples need `bash`: " + e.getMessage(), e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted looking for " + tool, e);
      }
    }
  }

  /** Runs every example in {@code dir}, giving each at most {@code perExample}. */
  static Outcome run(List<Example> examples, Path dir, Duration perExample) {
    try {
      Path script = dir.resolve("readme.sh");
      Files.writeString(script, script(examples), StandardCharsets.UTF_8);
      Path current = dir.resolve("current");
      Path stderr = dir.resolve("stderr");
      Process bash =
          new ProcessBuilder("bash", script.toString())
              .directory(dir.toFile())
              .redirectOutput(dir.resolve("stdout").toFile())
              .redirectError(stderr.toFile())
              .start();
      int stoppedAt = -1;
      String why = null;
      String running = "";
      Instant since = Instant.now();
      while (!bash.waitFor(200, TimeUnit.MILLISECONDS)) {
        String now = Files.exists(current) ? Files.readString(current).strip() : "";
        if (!now.equals(running)) {
          running = now;
          since = Instant.now();
        } else if (Duration.between(since, Instant.now()).compareTo(perExample) > 0) {
          bash.descendants().forEach(ProcessHandle::destroyForcibly);
          bash.destroyForcibly().waitFor();
          stoppedAt = index(running);
          why = "did not finish within " + perExample.toSeconds() + " s";
          break;
        }
      }
      if (why == null && bash.exitValue() != 0) {
        stoppedAt = Files.exists(current) ? index(Files.readString(current)) : 0;
        why = "failed (bash exit code " + bash.exitValue() + ")";
      }
      if (why != null) {
        why += "; bash said: " + tail(Files.readString(stderr), 1500);
      }
      List<Result> results = new ArrayList<>();
      for (int i = 0; i < examples.size(); i++) {
        Path out = dir.resolve(i + ".out");
        Path headers = dir.resolve(i + ".headers");
        boolean ran = Files.exists(headers);
        results.add(new Result(ran, ran ? Files.readString(out) : "", ran ? lastStatus(Files.readString(headers)) : null));
      }
      return new Outcome(results, stoppedAt, why);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted running the README", e);
    }
  }

  static String script(List<Example> examples) {
    StringBuilder s = new StringBuilder();
    s.append("set -euo pipefail\n");
    s.append("HERE=\"$(pwd)\"\n");
    s.append("curl() { command curl -D \"$HERE/headers\" \"$@\"; }\n");
    for (int i = 0; i < examples.size(); i++) {
      s.append("\n# README line ").append(examples.get(i).line()).append('\n');
      s.append("echo ").append(i).append(" > \"$HERE/current\"\n");
      s.append(": > \"$HERE/headers\"\n");
      s.append("{\n").append(examples.get(i).command()).append("\n} > \"$HERE/").append(i).append(".out\"\n");
      s.append("mv \"$HERE/headers\" \"$HERE/").append(i).append(".headers\"\n");
    }
    s.append("echo done > \"$HERE/current\"\n");
    return s.toString();
  }

  /** The status of the last response in a curl header dump (redirects and 100-continue come first). */
  static Integer lastStatus(String headers) {
    Matcher m = STATUS_LINE.matcher(headers);
    Integer status = null;
    while (m.find()) {
      status = Integer.parseInt(m.group(1));
    }
    return status;
  }

  /** The example index bash wrote to its progress file; -1 for anything else ("done"). */
  private static int index(String progress) {
    try {
      return Integer.parseInt(progress.strip());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static String tail(String text, int max) {
    String t = text.strip();
    return t.length() > max ? "…" + t.substring(t.length() - max) : t;
  }
}
