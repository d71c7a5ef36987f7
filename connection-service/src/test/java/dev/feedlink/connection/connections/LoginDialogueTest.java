package dev.feedlink.connection.connections;

import static dev.feedlink.connection.support.ScriptedPipeline.SANDBOX_BANK;
import static dev.feedlink.connection.support.ScriptedPipeline.SANDBOX_UTILITY;
import static dev.feedlink.connection.support.ScriptedPipeline.account;
import static org.assertj.core.api.Assertions.assertThat;

import dev.feedlink.connection.support.ScriptedPipeline;
import dev.feedlink.connection.support.ServiceTest;
import dev.feedlink.events.AccountRef;
import dev.feedlink.events.FailureReason;
import dev.feedlink.events.PromptType;
import dev.feedlink.events.SessionKind;
import dev.feedlink.events.UserInputProvided;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Each sandbox test login with a question (README of sandbox-provider): the question shows in the
 * context and the prompt, answers reach the pipeline sealed, wrong answers and timeouts show as
 * the matching reasons, and an answer that does not fit is refused with what is asked.
 */
class LoginDialogueTest extends ServiceTest {

  private static final List<AccountRef> BANK_ACCOUNTS =
      List.of(account("062000123", "transaction", "bank_account", "bank_transaction"), account("062000456", "savings", "bank_account"));

  private record Linked(TestApp app, UUID id, ScriptedPipeline.Session session) {}

  private Linked start(UUID provider, String username) {
    TestApp app = createApp(username);
    Reply created = link(app, provider, UUID.randomUUID(), username, "pass_good");
    assertThat(created.status()).isEqualTo(201);
    UUID id = UUID.fromString(created.body().path("connection_id").asString());
    ScriptedPipeline.Session session = pipeline.session(pipeline.awaitSession(id, SessionKind.CONNECT));
    session.emit(6);
    awaitContext(app, id, "Connecting", "Connecting");
    return new Linked(app, id, session);
  }

  private Reply answer(Linked l, Map<String, Object> body) {
    return post(l.app().token(), "/connections/" + l.id() + "/answers", body);
  }

  private JsonNode prompt(Linked l) {
    return get(l.app().token(), "/connections/" + l.id() + "/prompt").body();
  }

  private void finishGood(Linked l, List<AccountRef> accounts, String... types) {
    l.session().authorized(List.of("read"), accounts);
    awaitContext(l.app(), l.id(), "Connected", "ConnectedCredentials");
    assertThat(entity(l.app(), l.id()).path("status").asString()).isEqualTo("ACTIVE");
    l.session().loadAndSync(true, 50, List.of(types), accounts);
    awaitContext(l.app(), l.id(), "Connected", "DataFound");
  }

  private static String lastReason(JsonNode sessions) {
    JsonNode transitions = sessions.path("sessions").get(0).path("transitions");
    JsonNode last = transitions.get(transitions.size() - 1);
    return last.path("error").isNull() ? last.path("prompt").asString() : last.path("error").path("reason").asString();
  }

  @Test
  void anMfaCodeWrongThenRightConnects() {
    Linked l = start(SANDBOX_UTILITY, "user_mfa");
    l.session().ask(PromptType.MFA_CODE, p -> {});
    awaitContext(l.app(), l.id(), "Connecting", "MfaCodeRequired");
    JsonNode asked = prompt(l);
    assertThat(asked.path("type").asString()).isEqualTo("mfa_code");
    assertThat(asked.path("session_id").asString()).isEqualTo(l.session().sessionId);
    assertThat(asked.path("expires_at").isNull()).isFalse();
    assertThat(lastReason(awaitTransitions(l.app(), l.id(), 2))).isEqualTo("mfa_code");

    Reply sent = answer(l, Map.of("type", "mfa_code", "answer", "000000"));
    assertThat(sent.status()).as("%s", sent.body()).isEqualTo(202);
    UserInputProvided input = pipeline.awaitInput(l.id());
    assertThat(input.getInputType()).isEqualTo(PromptType.MFA_CODE);
    assertThat(input.getSessionId()).isEqualTo(l.session().sessionId);
    assertThat(pipeline.answer(input)).isEqualTo("000000");
    // A second answer before the provider judged the first is not sent.
    Reply early = answer(l, Map.of("answer", "123456"));
    assertThat(early.status()).isEqualTo(409);
    assertThat(early.body().path("detail").asString()).contains("mfa_code", "being checked");

    l.session().ask(PromptType.MFA_CODE, p -> {}, FailureReason.MFA_CODE_INVALID);
    awaitContext(l.app(), l.id(), "Connecting", "MfaCodeInvalid");
    assertThat(prompt(l).path("last_answer_invalid").asBoolean()).isTrue();
    assertThat(lastReason(awaitTransitions(l.app(), l.id(), 3))).isEqualTo("MFA_CODE_INVALID");

    assertThat(answer(l, Map.of("answer", "123456")).status()).isEqualTo(202);
    assertThat(pipeline.answer(pipeline.awaitInput(l.id()))).isEqualTo("123456");
    finishGood(l, List.of(account("5550002001", "electricity", "interval")), "interval");
    assertThat(prompt(l).path("type").isNull()).isTrue();
  }

  @Test
  void anMfaMethodChoiceThenItsCodeConnects() {
    Linked l = start(SANDBOX_BANK, "user_mfa_choice");
    l.session().ask(PromptType.MFA_METHOD_CHOICE, p -> p.setMfaMethods(List.of("sms", "email")));
    awaitContext(l.app(), l.id(), "Connecting", "MfaMethodChoiceRequired");
    assertThat(prompt(l).path("mfa_methods")).extracting(JsonNode::asString).containsExactly("sms", "email");

    Reply fax = answer(l, Map.of("answer", "fax"));
    assertThat(fax.status()).isEqualTo(400);
    assertThat(fax.body().path("field").asString()).isEqualTo("answer");
    assertThat(fax.body().path("valid_values")).extracting(JsonNode::asString).containsExactly("sms", "email");

    assertThat(answer(l, Map.of("type", "mfa_method_choice", "answer", "email")).status()).isEqualTo(202);
    UserInputProvided choice = pipeline.awaitInput(l.id());
    assertThat(choice.getInputType()).isEqualTo(PromptType.MFA_METHOD_CHOICE);
    assertThat(pipeline.answer(choice)).isEqualTo("email");

    l.session().ask(PromptType.MFA_CODE, p -> {});
    awaitContext(l.app(), l.id(), "Connecting", "MfaCodeRequired");
    assertThat(answer(l, Map.of("answer", "123456")).status()).isEqualTo(202);
    assertThat(pipeline.answer(pipeline.awaitInput(l.id()))).isEqualTo("123456");
    finishGood(l, BANK_ACCOUNTS, "bank_account", "bank_transaction");
  }

  @Test
  void anMfaActionApprovedOnTheDeviceConnects() {
    Linked l = start(SANDBOX_BANK, "user_mfa_action");
    l.session().ask(PromptType.MFA_ACTION, p -> {});
    awaitContext(l.app(), l.id(), "Connecting", "MfaActionRequired");
    assertThat(prompt(l).path("type").asString()).isEqualTo("mfa_action");

    assertThat(answer(l, Map.of("answer", "approved")).status()).isEqualTo(202);
    UserInputProvided approval = pipeline.awaitInput(l.id());
    assertThat(approval.getInputType()).isEqualTo(PromptType.MFA_ACTION);
    assertThat(pipeline.answer(approval)).isEqualTo("approved");
    finishGood(l, BANK_ACCOUNTS, "bank_account");
  }

  @Test
  void aSecurityAnswerWrongThenRightConnects() {
    Linked l = start(SANDBOX_UTILITY, "user_security");
    l.session().ask(PromptType.SECURITY_QUESTION, p -> p.setQuestion("What is your favourite colour?"));
    awaitContext(l.app(), l.id(), "Connecting", "SecurityAnswerRequired");
    assertThat(prompt(l).path("question").asString()).isEqualTo("What is your favourite colour?");

    Reply code = answer(l, Map.of("type", "mfa_code", "answer", "123456"));
    assertThat(code.status()).isEqualTo(409);
    assertThat(code.body().path("detail").asString()).contains("security_question");

    assertThat(answer(l, Map.of("answer", "red")).status()).isEqualTo(202);
    assertThat(pipeline.answer(pipeline.awaitInput(l.id()))).isEqualTo("red");
    l.session().ask(PromptType.SECURITY_QUESTION, p -> p.setQuestion("What is your favourite colour?"), FailureReason.SECURITY_ANSWER_INVALID);
    awaitContext(l.app(), l.id(), "Connecting", "SecurityAnswerInvalid");
    assertThat(lastReason(awaitTransitions(l.app(), l.id(), 3))).isEqualTo("SECURITY_ANSWER_INVALID");

    assertThat(answer(l, Map.of("answer", "Blue")).status()).isEqualTo(202);
    assertThat(pipeline.answer(pipeline.awaitInput(l.id()))).isEqualTo("Blue");
    finishGood(l, List.of(account("5550003001", "electricity", "interval")), "interval");
  }

  @Test
  void anAccountSelectionLinksOnlyThePickedAccounts() {
    Linked l = start(SANDBOX_BANK, "user_select");
    l.session().ask(PromptType.ACCOUNT_SELECTION, p -> p.setAccounts(BANK_ACCOUNTS));
    awaitContext(l.app(), l.id(), "Connecting", "AccountSelectionRequired");
    assertThat(prompt(l).path("accounts")).extracting(a -> a.path("account_number").asString())
        .containsExactly("062000123", "062000456");

    Reply text = answer(l, Map.of("answer", "062000123"));
    assertThat(text.status()).isEqualTo(409);
    assertThat(text.body().path("detail").asString()).contains("account_selection", "accounts");
    Reply unknown = answer(l, Map.of("accounts", List.of("999")));
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.body().path("field").asString()).isEqualTo("accounts");
    assertThat(unknown.body().path("valid_values")).extracting(JsonNode::asString).containsExactly("062000123", "062000456");

    assertThat(answer(l, Map.of("accounts", List.of("062000456"))).status()).isEqualTo(202);
    UserInputProvided picked = pipeline.awaitInput(l.id());
    assertThat(picked.getInputType()).isEqualTo(PromptType.ACCOUNT_SELECTION);
    assertThat(picked.getSelectedAccountNumbers()).containsExactly("062000456");
    assertThat(picked.getAnswer()).isNull();

    finishGood(l, List.of(BANK_ACCOUNTS.get(1)), "bank_account");
    JsonNode context = context(l.app(), l.id());
    assertThat(context.path("numOfEntities").asInt()).isEqualTo(1);
    assertThat(context.path("entities").get(0).path("account_number").asString()).isEqualTo("062000456");
  }

  @Test
  void anMfaCodeNotGivenInTimeIsMfaCodeTimeoutAndALateAnswerIsRefused() {
    Linked l = start(SANDBOX_UTILITY, "user_mfa");
    l.session().ask(PromptType.MFA_CODE, p -> {});
    awaitContext(l.app(), l.id(), "Connecting", "MfaCodeRequired");

    adjustableClock().advance(ScriptedPipeline.PROMPT_TIMEOUT.plus(Duration.ofSeconds(1)));
    Reply late = answer(l, Map.of("answer", "123456"));
    assertThat(late.status()).isEqualTo(409);
    assertThat(late.body().path("detail").asString()).contains("expired");

    l.session().fail(20, FailureReason.MFA_CODE_TIMEOUT, false);
    awaitContext(l.app(), l.id(), "Disconnected", "MfaCodeTimeout");
    assertThat(entity(l.app(), l.id()).path("status").asString()).isEqualTo("INITIATED");
    JsonNode history = awaitTransitions(l.app(), l.id(), 3);
    assertThat(history.path("sessions").get(0).path("transitions").get(2).path("name").asString()).isEqualTo("Authorization timedout");
    assertThat(lastReason(history)).isEqualTo("MFA_CODE_TIMEOUT");
    assertThat(prompt(l).path("type").isNull()).isTrue();
  }

  @Test
  void aSecurityAnswerNotGivenInTimeIsSecurityAnswerTimeout() {
    Linked l = start(SANDBOX_UTILITY, "user_security");
    l.session().ask(PromptType.SECURITY_QUESTION, p -> p.setQuestion("What is your favourite colour?"));
    awaitContext(l.app(), l.id(), "Connecting", "SecurityAnswerRequired");
    adjustableClock().advance(ScriptedPipeline.PROMPT_TIMEOUT);
    l.session().fail(20, FailureReason.SECURITY_ANSWER_TIMEOUT, false);
    awaitContext(l.app(), l.id(), "Disconnected", "SecurityAnswerTimeout");
  }

  @Test
  void anAccountSelectionNotMadeInTimeIsAccountSelectionTimeout() {
    Linked l = start(SANDBOX_BANK, "user_select");
    l.session().ask(PromptType.ACCOUNT_SELECTION, p -> p.setAccounts(BANK_ACCOUNTS));
    awaitContext(l.app(), l.id(), "Connecting", "AccountSelectionRequired");
    l.session().fail(20, FailureReason.ACCOUNT_SELECTION_TIMEOUT, false);
    awaitContext(l.app(), l.id(), "Disconnected", "AccountSelectionTimeout");
  }

  @Test
  void anAnswerWhenNothingIsAskedIsAConflictSayingSo() {
    Linked l = start(SANDBOX_UTILITY, "user_good");
    Reply reply = answer(l, Map.of("answer", "123456"));
    assertThat(reply.status()).isEqualTo(409);
    assertThat(reply.body().path("detail").asString()).contains("not asking anything", "Connecting");
  }
}
