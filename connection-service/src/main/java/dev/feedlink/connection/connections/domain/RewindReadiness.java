package dev.feedlink.connection.connections.domain;

import java.util.Collection;
import java.util.UUID;

/**
 * Whether a connection can run a Rewind now. A Rewind logs in again with the stored credentials and
 * reuses the accounts the user chose, so it needs a connection that has connected, is not waiting
 * for its user, and runs no other session (two sessions of one login would race at the provider and
 * over the connection's status).
 */
public sealed interface RewindReadiness {

  record Ready() implements RewindReadiness {}

  /** @param why the answer's detail: what stands in the way and what clears it */
  record Refused(String why) implements RewindReadiness {}

  /**
   * @param unfinished sessions of the connection whose latest transition does not end them,
   *     including background refreshes this service did not ask for
   */
  static RewindReadiness of(Connection c, Collection<UUID> unfinished) {
    ConnectionProjection p = c.projection();
    String id = "connection " + c.connectionId();
    if (p.state() == ConnectionState.DISCONNECTED) {
      return new Refused(id + " is disconnected; link the login again with POST /connections");
    }
    if (p.prompt() != null) {
      return new Refused(id + " is waiting for its user to answer " + p.prompt().type().apiName()
          + " (GET /connections/" + c.connectionId() + "/prompt); a Rewind can start once the session ends");
    }
    if (p.currentSessionOpen() && p.state() == ConnectionState.INITIATED) {
      return new Refused(id + " is still connecting (session " + p.currentSessionId() + "); a Rewind can start once it is connected");
    }
    if (p.currentSessionOpen()) {
      return new Refused(id + " has session " + p.currentSessionId() + " running; a Rewind can start once it ends");
    }
    if (p.context().status() == ConnectionStatus.Disconnected || p.state() == ConnectionState.EXPIRED) {
      return new Refused(id + " needs its user (" + p.context().reason() + "): send new credentials with PUT /connections/"
          + c.connectionId() + "/credentials or link the login again");
    }
    if (p.state() == ConnectionState.INITIATED) {
      return new Refused(id + " has never connected (" + p.context().reason() + "); a Rewind needs a connected login");
    }
    if (!unfinished.isEmpty()) {
      return new Refused(id + " has session " + unfinished.iterator().next() + " running; a Rewind can start once it ends");
    }
    return new Ready();
  }
}
