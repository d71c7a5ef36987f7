package dev.feedlink.connection.connections.domain;


/**
 * Seed 000's {@code connection_status_reason}, each under the one status it belongs to. The seed's
 * names are kept; {@link #AccountSelectionTimeout}, {@link #ConsentExpired} and
 * {@link #UserDisconnected} are ours, for outcomes the seed has no reason for.
 */
public enum StatusReason {
  New(ConnectionStatus.Connecting),
  Connecting(ConnectionStatus.Connecting),
  SecurityAnswerRequired(ConnectionStatus.Connecting),
  SecurityAnswerInvalid(ConnectionStatus.Connecting),
  MfaMethodChoiceRequired(ConnectionStatus.Connecting),
  MfaCodeRequired(ConnectionStatus.Connecting),
  MfaCodeInvalid(ConnectionStatus.Connecting),
  MfaActionRequired(ConnectionStatus.Connecting),
  AccountSelectionRequired(ConnectionStatus.Connecting),
  ConnectedCredentials(ConnectionStatus.Connected),
  ConnectedWaitingOnDataExtraction(ConnectionStatus.Connected),
  DataFound(ConnectionStatus.Connected),
  NoDataFound(ConnectionStatus.Connected),
  InvalidCredentials(ConnectionStatus.Disconnected),
  SecurityAnswerTimeout(ConnectionStatus.Disconnected),
  MfaCodeTimeout(ConnectionStatus.Disconnected),
  AccountSelectionTimeout(ConnectionStatus.Disconnected),
  ConsentExpired(ConnectionStatus.Disconnected),
  UserDisconnected(ConnectionStatus.Disconnected),
  RetryLater(ConnectionStatus.Error),
  Error(ConnectionStatus.Error);

  private final ConnectionStatus status;

  StatusReason(ConnectionStatus status) {
    this.status = status;
  }

  public ConnectionStatus status() {
    return status;
  }

  /** A finished, healthy connection that a quiet background refresh must leave alone. */
  public boolean isSettledConnected() {
    return this == DataFound || this == NoDataFound;
  }
}
