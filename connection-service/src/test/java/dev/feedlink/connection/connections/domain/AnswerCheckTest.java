package dev.feedlink.connection.connections.domain;

import static dev.feedlink.connection.connections.domain.Transitions.SESSION;
import static dev.feedlink.connection.connections.domain.Transitions.T0;
import static dev.feedlink.connection.connections.domain.Transitions.asking;
import static dev.feedlink.connection.connections.domain.Transitions.t;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class AnswerCheckTest {

  private static ConnectionProjection askingFor(PromptType type) {
    return ConnectionProjection.initiated(SESSION, T0).apply(asking(t(1, 6), type)).projection();
  }

  private static AnswerVerdict check(ConnectionProjection p, Answer answer) {
    return AnswerCheck.check(p, answer, T0.plusSeconds(10));
  }

  @Test
  void aCodeForTheCodeAskedIsAccepted() {
    AnswerVerdict verdict = check(askingFor(PromptType.MFA_CODE), new Answer(PromptType.MFA_CODE, " 123456 ", null));
    assertThat(verdict).isInstanceOfSatisfying(AnswerVerdict.Accepted.class, a -> {
      assertThat(a.answer()).isEqualTo("123456");
      assertThat(a.prompt().sessionId()).isEqualTo(SESSION);
    });
  }

  @Test
  void anAnswerWithoutATypeAnswersWhateverIsAsked() {
    assertThat(check(askingFor(PromptType.SECURITY_QUESTION), new Answer(null, "blue", null)))
        .isInstanceOf(AnswerVerdict.Accepted.class);
  }

  @Test
  void nothingAskedRefusesEveryAnswer() {
    ConnectionProjection p = ConnectionProjection.initiated(SESSION, T0);
    assertThat(check(p, new Answer(null, "123456", null))).isInstanceOf(AnswerVerdict.NothingAsked.class);
  }

  @Test
  void anAnswerToAnotherQuestionIsRefusedWithWhatIsAsked() {
    AnswerVerdict verdict = check(askingFor(PromptType.MFA_CODE), new Answer(PromptType.SECURITY_QUESTION, "blue", null));
    assertThat(verdict).isInstanceOfSatisfying(
        AnswerVerdict.OtherQuestion.class, o -> assertThat(o.asking().type()).isEqualTo(PromptType.MFA_CODE));
    assertThat(check(askingFor(PromptType.MFA_CODE), new Answer(null, null, List.of("111"))))
        .isInstanceOf(AnswerVerdict.OtherQuestion.class);
    assertThat(check(askingFor(PromptType.ACCOUNT_SELECTION), new Answer(null, "111", null)))
        .isInstanceOf(AnswerVerdict.OtherQuestion.class);
  }

  @Test
  void anAnswerAfterTheQuestionExpiredIsRefused() {
    ConnectionProjection p = askingFor(PromptType.MFA_CODE);
    assertThat(AnswerCheck.check(p, new Answer(null, "123456", null), T0.plusSeconds(301)))
        .isInstanceOf(AnswerVerdict.Expired.class);
    assertThat(AnswerCheck.check(p, new Answer(null, "123456", null), T0.plusSeconds(300)))
        .isInstanceOf(AnswerVerdict.Accepted.class);
  }

  @Test
  void aSecondAnswerBeforeTheProviderJudgedTheFirstIsRefused() {
    ConnectionProjection p = askingFor(PromptType.MFA_CODE).answered(T0.plusSeconds(5));
    assertThat(check(p, new Answer(null, "654321", null))).isInstanceOf(AnswerVerdict.AwaitingVerdict.class);
  }

  @Test
  void anMfaMethodMustBeOneOffered() {
    ConnectionProjection p = askingFor(PromptType.MFA_METHOD_CHOICE);
    assertThat(check(p, new Answer(null, "SMS", null)))
        .isInstanceOfSatisfying(AnswerVerdict.Accepted.class, a -> assertThat(a.answer()).isEqualTo("sms"));
    assertThat(check(p, new Answer(null, "fax", null))).isInstanceOfSatisfying(AnswerVerdict.InvalidValue.class, i -> {
      assertThat(i.field()).isEqualTo("answer");
      assertThat(i.validValues()).containsExactly("sms", "email");
    });
  }

  @Test
  void anMfaActionIsApprovedOrDenied() {
    ConnectionProjection p = askingFor(PromptType.MFA_ACTION);
    assertThat(check(p, new Answer(null, "approved", null))).isInstanceOf(AnswerVerdict.Accepted.class);
    assertThat(check(p, new Answer(null, "maybe", null))).isInstanceOfSatisfying(
        AnswerVerdict.InvalidValue.class, i -> assertThat(i.validValues()).containsExactly("approved", "denied"));
  }

  @Test
  void aBlankOrOverlongAnswerIsInvalid() {
    ConnectionProjection p = askingFor(PromptType.SECURITY_QUESTION);
    assertThat(check(p, new Answer(null, "  ", null))).isInstanceOf(AnswerVerdict.InvalidValue.class);
    assertThat(check(p, new Answer(null, "x".repeat(257), null))).isInstanceOf(AnswerVerdict.InvalidValue.class);
  }

  @Test
  void anAccountSelectionPicksAtLeastOneOfferedAccountOnce() {
    ConnectionProjection p = askingFor(PromptType.ACCOUNT_SELECTION);
    assertThat(check(p, new Answer(null, null, List.of("222"))))
        .isInstanceOfSatisfying(AnswerVerdict.Accepted.class, a -> assertThat(a.accounts()).containsExactly("222"));
    assertThat(check(p, new Answer(null, null, List.of()))).isInstanceOf(AnswerVerdict.InvalidValue.class);
    assertThat(check(p, new Answer(null, null, List.of("111", "111")))).isInstanceOf(AnswerVerdict.InvalidValue.class);
    assertThat(check(p, new Answer(null, null, List.of("333")))).isInstanceOfSatisfying(
        AnswerVerdict.InvalidValue.class, i -> assertThat(i.validValues()).containsExactly("111", "222"));
  }
}
