package dev.feedlink.connection.connections.domain;

import static dev.feedlink.connection.connections.domain.Transitions.asking;
import static dev.feedlink.connection.connections.domain.Transitions.data;
import static dev.feedlink.connection.connections.domain.Transitions.failing;
import static dev.feedlink.connection.connections.domain.Transitions.t;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** One test per row of the README's "Connection status" table. */
class StatusMappingTest {

  private static StatusReason reason(Transition t) {
    return StatusMapping.reasonFor(t, null).orElseThrow();
  }

  @Test
  void aNewConnectionIsConnectingNew() {
    ConnectionProjection p = ConnectionProjection.initiated(UUID.randomUUID(), Instant.EPOCH);
    assertThat(p.context().status()).isEqualTo(ConnectionStatus.Connecting);
    assertThat(p.context().reason()).isEqualTo(StatusReason.New);
    assertThat(p.state()).isEqualTo(ConnectionState.INITIATED);
  }

  @Test
  void authorizationWithoutAQuestionIsConnectingConnecting() {
    assertThat(reason(t(1, 6))).isEqualTo(StatusReason.Connecting);
  }

  @Test
  void authorizationAskingASecurityQuestionIsSecurityAnswerRequired() {
    assertThat(reason(asking(t(1, 6), PromptType.SECURITY_QUESTION))).isEqualTo(StatusReason.SecurityAnswerRequired);
  }

  @Test
  void authorizationAskingToChooseAnMfaMethodIsMfaMethodChoiceRequired() {
    assertThat(reason(asking(t(1, 6), PromptType.MFA_METHOD_CHOICE))).isEqualTo(StatusReason.MfaMethodChoiceRequired);
  }

  @Test
  void authorizationAskingAnMfaCodeIsMfaCodeRequired() {
    assertThat(reason(asking(t(1, 6), PromptType.MFA_CODE))).isEqualTo(StatusReason.MfaCodeRequired);
  }

  @Test
  void authorizationAskingToApproveOnADeviceIsMfaActionRequired() {
    assertThat(reason(asking(t(1, 6), PromptType.MFA_ACTION))).isEqualTo(StatusReason.MfaActionRequired);
  }

  @Test
  void authorizationOfferingAccountsIsAccountSelectionRequired() {
    assertThat(reason(asking(t(1, 6), PromptType.ACCOUNT_SELECTION))).isEqualTo(StatusReason.AccountSelectionRequired);
  }

  @Test
  void aWrongSecurityAnswerIsSecurityAnswerInvalid() {
    Transition again = failing(asking(t(2, 6), PromptType.SECURITY_QUESTION), FailureReason.SECURITY_ANSWER_INVALID, false);
    assertThat(reason(again)).isEqualTo(StatusReason.SecurityAnswerInvalid);
    assertThat(reason(again).status()).isEqualTo(ConnectionStatus.Connecting);
  }

  @Test
  void aWrongMfaCodeOrRefusedApprovalIsMfaCodeInvalid() {
    assertThat(reason(failing(asking(t(2, 6), PromptType.MFA_CODE), FailureReason.MFA_CODE_INVALID, false)))
        .isEqualTo(StatusReason.MfaCodeInvalid);
    assertThat(reason(failing(asking(t(2, 6), PromptType.MFA_ACTION), FailureReason.MFA_CODE_INVALID, false)))
        .isEqualTo(StatusReason.MfaCodeInvalid);
  }

  @Test
  void authorizedIsConnectedCredentials() {
    assertThat(reason(t(1, 9))).isEqualTo(StatusReason.ConnectedCredentials);
    assertThat(reason(t(1, 9)).status()).isEqualTo(ConnectionStatus.Connected);
  }

  @Test
  void loadingLoadedStructuringAndWaitingForWebhookAreConnectedWaitingOnDataExtraction() {
    for (int code : List.of(2, 12, 13, 25)) {
      assertThat(reason(t(1, code))).as("code %s", code).isEqualTo(StatusReason.ConnectedWaitingOnDataExtraction);
    }
  }

  @Test
  void structuredAndEveryLaterStepWithDataAreDataFound() {
    for (int code : List.of(15, 21, 16, 18, 19)) {
      assertThat(reason(data(t(1, code), true, 0))).as("code %s", code).isEqualTo(StatusReason.DataFound);
    }
  }

  @Test
  void structuredAndEveryLaterStepWithoutDataAreNoDataFound() {
    for (int code : List.of(15, 21, 16, 18, 19)) {
      assertThat(reason(data(t(1, code), false, 0))).as("code %s", code).isEqualTo(StatusReason.NoDataFound);
    }
    assertThat(reason(data(t(1, 19), null, 0))).isEqualTo(StatusReason.NoDataFound);
    assertThat(reason(data(t(1, 19), null, 12))).isEqualTo(StatusReason.DataFound);
  }

  @Test
  void errorInAuthorizationForRefusedCredentialsIsDisconnectedInvalidCredentials() {
    assertThat(reason(failing(t(1, 7), FailureReason.INVALID_CREDENTIALS, false))).isEqualTo(StatusReason.InvalidCredentials);
    assertThat(reason(t(1, 7))).isEqualTo(StatusReason.InvalidCredentials);
    assertThat(StatusReason.InvalidCredentials.status()).isEqualTo(ConnectionStatus.Disconnected);
  }

  @Test
  void errorInAuthorizationBecauseTheProviderIsDownIsErrorRetryLater() {
    assertThat(reason(failing(t(1, 7), FailureReason.PROVIDER_UNAVAILABLE, true))).isEqualTo(StatusReason.RetryLater);
    assertThat(reason(failing(t(1, 7), FailureReason.PROVIDER_ERROR, true))).isEqualTo(StatusReason.RetryLater);
  }

  @Test
  void errorInAuthorizationForAnyOtherReasonIsErrorError() {
    assertThat(reason(failing(t(1, 7), FailureReason.INTERNAL_ERROR, false))).isEqualTo(StatusReason.Error);
    assertThat(StatusReason.Error.status()).isEqualTo(ConnectionStatus.Error);
  }

  @Test
  void anMfaCodeOrApprovalNotGivenInTimeIsDisconnectedMfaCodeTimeout() {
    assertThat(reason(failing(t(1, 20), FailureReason.MFA_CODE_TIMEOUT, false))).isEqualTo(StatusReason.MfaCodeTimeout);
    assertThat(reason(failing(t(1, 20), FailureReason.MFA_ACTION_TIMEOUT, false))).isEqualTo(StatusReason.MfaCodeTimeout);
  }

  @Test
  void aSecurityAnswerNotGivenInTimeIsDisconnectedSecurityAnswerTimeout() {
    assertThat(reason(failing(t(1, 20), FailureReason.SECURITY_ANSWER_TIMEOUT, false))).isEqualTo(StatusReason.SecurityAnswerTimeout);
  }

  @Test
  void anAccountSelectionNotMadeInTimeIsDisconnectedAccountSelectionTimeout() {
    assertThat(reason(failing(t(1, 20), FailureReason.ACCOUNT_SELECTION_TIMEOUT, false)))
        .isEqualTo(StatusReason.AccountSelectionTimeout);
    assertThat(StatusReason.AccountSelectionTimeout.status()).isEqualTo(ConnectionStatus.Disconnected);
  }

  @Test
  void aTimeoutWithoutAReasonIsNamedByTheQuestionThatWasAsked() {
    Prompt security = asking(t(1, 6), PromptType.SECURITY_QUESTION).prompt();
    assertThat(StatusMapping.reasonFor(t(2, 20), security)).contains(StatusReason.SecurityAnswerTimeout);
    assertThat(StatusMapping.reasonFor(t(2, 20), null)).contains(StatusReason.MfaCodeTimeout);
  }

  @Test
  void deauthorizedOrAnExpiredConsentIsDisconnectedConsentExpired() {
    assertThat(reason(failing(t(1, 8), FailureReason.CONSENT_EXPIRED, false))).isEqualTo(StatusReason.ConsentExpired);
    assertThat(reason(t(1, 8))).isEqualTo(StatusReason.ConsentExpired);
    assertThat(reason(failing(t(1, 7), FailureReason.CONSENT_EXPIRED, false))).isEqualTo(StatusReason.ConsentExpired);
  }

  @Test
  void disconnectedIsDisconnectedUserDisconnected() {
    assertThat(reason(t(1, 26))).isEqualTo(StatusReason.UserDisconnected);
    assertThat(StatusReason.UserDisconnected.status()).isEqualTo(ConnectionStatus.Disconnected);
  }

  @Test
  void aSessionErrorAtTheProviderIsErrorRetryLater() {
    for (int code : List.of(11, 14, 17, 22)) {
      assertThat(reason(failing(t(1, code), FailureReason.PROVIDER_UNAVAILABLE, true))).as("code %s", code).isEqualTo(StatusReason.RetryLater);
      assertThat(reason(failing(t(1, code), FailureReason.PROVIDER_ERROR, false))).isEqualTo(StatusReason.RetryLater);
      assertThat(reason(failing(t(1, code), FailureReason.UNKNOWN, true))).isEqualTo(StatusReason.RetryLater);
    }
  }

  @Test
  void aSessionErrorOfOursIsErrorError() {
    for (int code : List.of(11, 14, 17, 22)) {
      assertThat(reason(failing(t(1, code), FailureReason.MALFORMED_DATA, false))).as("code %s", code).isEqualTo(StatusReason.Error);
      assertThat(reason(failing(t(1, code), FailureReason.INTERNAL_ERROR, false))).isEqualTo(StatusReason.Error);
      assertThat(reason(t(1, code))).isEqualTo(StatusReason.Error);
    }
  }

  @Test
  void aStalledSessionTimedOutByTheWatchdogIsErrorRetryLater() {
    assertThat(reason(failing(t(1, 23), FailureReason.STALLED, false))).isEqualTo(StatusReason.RetryLater);
    assertThat(reason(t(1, 23))).isEqualTo(StatusReason.RetryLater);
  }

  @Test
  void aCodeOutsideSeed002MeansNothing() {
    assertThat(StatusMapping.reasonFor(t(1, 99), null)).isEmpty();
  }
}
