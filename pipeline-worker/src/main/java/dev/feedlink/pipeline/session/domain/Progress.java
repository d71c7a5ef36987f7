package dev.feedlink.pipeline.session.domain;

import dev.feedlink.pipeline.provider.domain.LinkedAccount;
import java.time.Instant;
import java.util.List;

/**
 * What a session has learned so far, kept with it between steps (so another worker can resume it).
 *
 * @param prompt the open question, or null
 * @param accounts the accounts the login gave access to
 * @param scopes what the provider granted
 * @param dataFound whether the fetched documents held any data (from Structured on)
 * @param fetchedRecords records in the fetched documents
 * @param newlyStored of those, records not stored before
 * @param substage the next Processing substage to run (index)
 * @param lastPrompt when the user was last asked something (a background refresh reports it)
 * @param calledBackAt when the provider last said the data is ready (null before)
 */
public record Progress(
    Prompt prompt,
    List<LinkedAccount> accounts,
    List<String> scopes,
    Boolean dataFound,
    long fetchedRecords,
    long newlyStored,
    int substage,
    Instant lastPrompt,
    Instant calledBackAt) {

  public Progress {
    accounts = accounts == null ? List.of() : List.copyOf(accounts);
    scopes = scopes == null ? List.of() : List.copyOf(scopes);
  }

  public static Progress start() {
    return new Progress(null, List.of(), List.of(), null, 0, 0, 0, null, null);
  }

  public Progress asking(Prompt p) {
    return new Progress(p, accounts, scopes, dataFound, fetchedRecords, newlyStored, substage, p.askedAt(), calledBackAt);
  }

  public Progress answered() {
    return new Progress(null, accounts, scopes, dataFound, fetchedRecords, newlyStored, substage, lastPrompt, calledBackAt);
  }

  public Progress authorized(List<LinkedAccount> linked, List<String> granted) {
    return new Progress(null, linked, granted, dataFound, fetchedRecords, newlyStored, substage, lastPrompt, calledBackAt);
  }

  public Progress structured(boolean found, long fetched, long stored) {
    return new Progress(prompt, accounts, scopes, found, fetched, stored, substage, lastPrompt, calledBackAt);
  }

  public Progress calledBack(Instant at) {
    return new Progress(prompt, accounts, scopes, dataFound, fetchedRecords, newlyStored, substage, lastPrompt, at);
  }

  public Progress atSubstage(int next) {
    return new Progress(prompt, accounts, scopes, dataFound, fetchedRecords, newlyStored, next, lastPrompt, calledBackAt);
  }
}
