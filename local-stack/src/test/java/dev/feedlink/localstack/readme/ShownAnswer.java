package dev.feedlink.localstack.readme;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * The answer the README shows under a command: an HTTP status when it is not 200 ({@code 202 {…}}),
 * then what the command prints, as JSON ({@link AnswerPattern}) or, when that is not JSON, as text.
 *
 * @param status the status shown, or empty (200 when the command made a request)
 * @param body what the command prints, without the status
 * @param json the body read as JSON, or empty when it is text
 */
record ShownAnswer(Optional<Integer> status, String body, Optional<List<AnswerPattern>> json) {

  private static final Pattern STATUS = Pattern.compile("\\A\\s*([1-5][0-9][0-9])(?=\\s|\\z)");
  // Floats as BigDecimal: 0.458 compares as 0.458, not as the double nearest it. Several values may
  // follow each other (jq -c prints one per line).
  private static final ObjectMapper JSON =
      JsonMapper.builder()
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .disable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  static ShownAnswer parse(String text) {
    Matcher status = STATUS.matcher(text);
    Optional<Integer> code = Optional.empty();
    String body = text;
    if (status.find()) {
      code = Optional.of(Integer.parseInt(status.group(1)));
      body = text.substring(status.end());
    }
    body = body.strip();
    Optional<List<AnswerPattern>> json = Optional.empty();
    if (!body.isEmpty()) {
      try {
        json = Optional.of(AnswerPattern.parseAll(body));
      } catch (IllegalArgumentException notJson) {
        // Text, e.g. what jq -r prints.
      }
    }
    return new ShownAnswer(code, body, json);
  }

  /**
   * Why a command's result is not this answer; empty when it is.
   *
   * @param httpStatus the status of the command's last HTTP request, or null when it made none
   * @param printed what the command printed
   */
  Optional<String> mismatch(Integer httpStatus, String printed, AnswerMatcher matcher) {
    if (httpStatus == null && status.isPresent()) {
      return Optional.of("the README shows status " + status.get() + " but the command made no HTTP request");
    }
    if (httpStatus != null) {
      int expected = status.orElse(200);
      if (httpStatus != expected) {
        return Optional.of("status " + httpStatus + ", the README shows " + expected
            + (status.isEmpty() ? " (no status shown means 200)" : ""));
      }
    }
    if (body.isEmpty()) {
      return printed.isBlank() ? Optional.empty() : Optional.of("printed an answer the README does not show");
    }
    if (json.isEmpty()) {
      return matcher.mismatch(body, printed);
    }
    List<JsonNode> actual = new ArrayList<>();
    // One value after another (a MappingIterator would unwrap a top-level array into its elements).
    try (JsonParser values = JSON.createParser(printed)) {
      while (values.nextToken() != null) {
        actual.add(JSON.readTree(values));
      }
    } catch (JacksonException e) {
      return Optional.of("printed something that is not JSON: " + e.getOriginalMessage());
    }
    if (actual.isEmpty()) {
      return Optional.of("printed nothing");
    }
    return matcher.mismatch(json.get(), actual);
  }
}
