package dev.feedlink.connection.connections.domain;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;

/** Checks an answer against the connection's current question before it goes to the provider. */
public final class AnswerCheck {

  public static final int MAX_ANSWER_LENGTH = 256;
  public static final List<String> MFA_ACTION_ANSWERS = List.of("approved", "denied");

  private AnswerCheck() {}

  public static AnswerVerdict check(ConnectionProjection connection, Answer answer, Instant now) {
    Prompt asked = connection.prompt();
    if (asked == null) {
      return new AnswerVerdict.NothingAsked(connection.context());
    }
    boolean selection = asked.type() == PromptType.ACCOUNT_SELECTION;
    boolean fitsShape = selection
        ? answer.accounts() != null && answer.answer() == null
        : answer.answer() != null && answer.accounts() == null;
    if ((answer.type() != null && answer.type() != asked.type()) || !fitsShape) {
      return new AnswerVerdict.OtherQuestion(asked);
    }
    if (asked.expiredAt(now)) {
      return new AnswerVerdict.Expired(asked);
    }
    if (connection.promptAnsweredAt() != null) {
      return new AnswerVerdict.AwaitingVerdict(asked, connection.promptAnsweredAt());
    }
    return selection ? checkSelection(asked, answer.accounts()) : checkText(asked, answer.answer().strip());
  }

  private static AnswerVerdict checkText(Prompt asked, String text) {
    if (text.isEmpty() || text.length() > MAX_ANSWER_LENGTH) {
      return new AnswerVerdict.InvalidValue(
          "answer", "answer must be 1 to " + MAX_ANSWER_LENGTH + " characters", List.of());
    }
    return switch (asked.type()) {
      case MFA_METHOD_CHOICE -> oneOf(asked, text.toLowerCase(Locale.ROOT), asked.mfaMethods());
      case MFA_ACTION -> oneOf(asked, text.toLowerCase(Locale.ROOT), MFA_ACTION_ANSWERS);
      default -> new AnswerVerdict.Accepted(asked, text, null);
    };
  }

  private static AnswerVerdict oneOf(Prompt asked, String value, List<String> valid) {
    if (!valid.contains(value)) {
      return new AnswerVerdict.InvalidValue(
          "answer", "'" + value + "' is not one of " + valid + " for " + asked.type().apiName(), valid);
    }
    return new AnswerVerdict.Accepted(asked, value, null);
  }

  private static AnswerVerdict checkSelection(Prompt asked, List<String> picked) {
    List<String> offered = asked.accounts().stream().map(Account::accountNumber).toList();
    if (picked.isEmpty()) {
      return new AnswerVerdict.InvalidValue("accounts", "pick at least one account", offered);
    }
    if (new HashSet<>(picked).size() != picked.size()) {
      return new AnswerVerdict.InvalidValue("accounts", "an account is picked twice", offered);
    }
    for (String number : picked) {
      if (!offered.contains(number)) {
        return new AnswerVerdict.InvalidValue(
            "accounts", "account " + number + " was not offered; pick among " + offered, offered);
      }
    }
    return new AnswerVerdict.Accepted(asked, null, List.copyOf(picked));
  }
}
