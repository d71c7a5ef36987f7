package dev.feedlink.localstack.readme;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The runnable examples of a Markdown document: every {@code ```bash} block, in order, unless the
 * line before it (blank lines aside) is {@code <!-- not-run -->}. Within a block, an example is a
 * command (one or more lines) and the {@code #} lines right under it, which show its answer. A
 * blank line ends an example; {@code #} lines after a blank line or at a block's start are prose.
 * Any other fenced block that calls curl must be marked not-run, so no curl example goes unchecked.
 */
final class ReadmeExamples {

  static final String NOT_RUN = "<!-- not-run -->";
  private static final Pattern FENCE = Pattern.compile("^\\s*```\\s*([\\w-]*).*$");
  private static final Pattern CURL = Pattern.compile("(^|[\\s;(|&])curl\\s");

  /**
   * One command and the answer the README shows for it.
   *
   * @param line the README line (from 1) the command starts on
   * @param answer the {@code #} lines without their {@code # }, joined by newlines; null when none
   */
  record Example(int line, String command, String answer) {
    boolean callsCurl() {
      return CURL.matcher(command).find();
    }
  }

  private ReadmeExamples() {}

  /** @throws IllegalStateException for an unmarked non-bash block calling curl, or an unclosed block */
  static List<Example> parse(List<String> lines) {
    List<Example> examples = new ArrayList<>();
    String previous = "";
    for (int i = 0; i < lines.size(); i++) {
      Matcher fence = FENCE.matcher(lines.get(i));
      if (!fence.matches()) {
        if (!lines.get(i).isBlank()) {
          previous = lines.get(i).strip();
        }
        continue;
      }
      boolean marked = previous.equals(NOT_RUN);
      String language = fence.group(1);
      int end = closing(lines, i);
      List<String> block = lines.subList(i + 1, end);
      if (!marked && language.equals("bash")) {
        examples.addAll(examples(block, i + 2));
      } else if (!marked && block.stream().anyMatch(l -> CURL.matcher(l).find())) {
        throw new IllegalStateException("line " + (i + 1) + ": a ```" + language + " block calls curl: make it ```bash"
            + " so it is run and checked, or put " + NOT_RUN + " right before it");
      }
      i = end;
      previous = "";
    }
    return examples;
  }

  private static int closing(List<String> lines, int open) {
    for (int j = open + 1; j < lines.size(); j++) {
      if (lines.get(j).strip().equals("```")) {
        return j;
      }
    }
    throw new IllegalStateException("line " + (open + 1) + ": the code block is never closed");
  }

  /** @param firstLine the README line number of the block's first line */
  private static List<Example> examples(List<String> block, int firstLine) {
    List<Example> examples = new ArrayList<>();
    List<String> command = new ArrayList<>();
    List<String> answer = new ArrayList<>();
    int commandLine = 0;
    for (int k = 0; k <= block.size(); k++) {
      String line = k < block.size() ? block.get(k) : "";
      boolean comment = line.stripLeading().startsWith("#");
      boolean ends = line.isBlank() || (!comment && !answer.isEmpty());
      if (ends && !command.isEmpty()) {
        examples.add(new Example(commandLine, String.join("\n", command), answer.isEmpty() ? null : String.join("\n", answer)));
        command.clear();
        answer.clear();
      }
      if (line.isBlank()) {
        continue;
      }
      if (comment) {
        if (!command.isEmpty()) {
          String text = line.stripLeading().substring(1);
          answer.add(text.startsWith(" ") ? text.substring(1) : text);
        }
        continue;
      }
      if (command.isEmpty()) {
        commandLine = firstLine + k;
      }
      command.add(line);
    }
    return examples;
  }
}
