package dev.feedlink.localstack.readme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.feedlink.localstack.readme.ReadmeExamples.Example;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which parts of a README are run, and which lines are the answers they are checked against. */
class ReadmeExamplesParseTest {

  private static List<Example> parse(String markdown) {
    return ReadmeExamples.parse(List.of(markdown.split("\n", -1)));
  }

  @Test
  void aCommandIsFollowedByItsAnswerAndABlankLineEndsIt() {
    List<Example> examples = parse("""
        Text.

        ```bash
        # Prose at the start of a block is not an answer.
        curl -s -X POST localhost:8080/admin/apps \\
          -d '{"name": "x"}'
        # 201 {"app_id":"8c0e…",
        #      "name":"x"}
        TOKEN=$(jq -r .api_token <<<"$APP")

        # prose after a blank line
        curl -s localhost:8080/providers
        ```
        """);

    assertThat(examples).containsExactly(
        new Example(5, "curl -s -X POST localhost:8080/admin/apps \\\n  -d '{\"name\": \"x\"}'", "201 {\"app_id\":\"8c0e…\",\n     \"name\":\"x\"}"),
        new Example(9, "TOKEN=$(jq -r .api_token <<<\"$APP\")", null),
        new Example(12, "curl -s localhost:8080/providers", null));
  }

  @Test
  void consecutiveCommandLinesAreOneExample() {
    List<Example> examples = parse("""
        ```bash
        APP=$(curl -s localhost:8080/x)
        echo "$APP"
        # {"a":1}
        ```
        """);

    assertThat(examples).containsExactly(new Example(2, "APP=$(curl -s localhost:8080/x)\necho \"$APP\"", "{\"a\":1}"));
  }

  @Test
  void aBlockMarkedNotRunAndBlocksInOtherLanguagesAreNotRun() {
    List<Example> examples = parse("""
        <!-- not-run -->
        ```bash
        docker compose up
        ```

        ```json
        {"a": 1}
        ```

        <!-- not-run -->

        ```
        curl -s localhost:8080/ping
        ```

        ```bash
        echo run
        # run
        ```
        """);

    assertThat(examples).extracting(Example::command).containsExactly("echo run");
  }

  @Test
  void anUnmarkedBlockThatCallsCurlButIsNotBashIsRefused() {
    assertThatThrownBy(() -> parse("""
        Some text.

        ```
        curl -s localhost:8080/providers
        ```
        """))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("line 3")
        .hasMessageContaining(ReadmeExamples.NOT_RUN);
  }

  @Test
  void anUnclosedBlockIsRefused() {
    assertThatThrownBy(() -> parse("```bash\ncurl -s localhost:8080/x\n")).hasMessageContaining("never closed");
  }
}
