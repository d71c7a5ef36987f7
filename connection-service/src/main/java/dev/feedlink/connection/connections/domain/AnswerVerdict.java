package dev.feedlink.connection.connections.domain;

import java.time.Instant;
import java.util.List;

/** Whether an answer fits what the connection asks now. */
public sealed interface AnswerVerdict {

  /** It fits: send it to the pipeline. */
  record Accepted(Prompt prompt, String answer, List<String> accounts) implements AnswerVerdict {}

  /** The connection asks nothing now. */
  record NothingAsked(Context context) implements AnswerVerdict {}

  /** It answers another question than the one asked. */
  record OtherQuestion(Prompt asking) implements AnswerVerdict {}

  /** The question expired unanswered; the session is timing out. */
  record Expired(Prompt asking) implements AnswerVerdict {}

  /** An answer was sent and the provider has not judged it yet. */
  record AwaitingVerdict(Prompt asking, Instant answeredAt) implements AnswerVerdict {}

  /** The right question, but a value it cannot take. */
  record InvalidValue(String field, String detail, List<String> validValues) implements AnswerVerdict {}
}
