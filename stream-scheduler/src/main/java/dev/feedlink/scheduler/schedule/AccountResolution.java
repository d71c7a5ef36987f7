package dev.feedlink.scheduler.schedule;

import dev.feedlink.platform.web.ApiProblem;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import reactor.core.publisher.Mono;

/**
 * Turns the {@code {account_id}} of a request into one of the caller's accounts: Feedlink's stable
 * account id, or the provider's account number when only one of the app's accounts has it. Another
 * app's or an unknown account is a 404; an account number several accounts share is a 409 listing
 * their ids.
 */
final class AccountResolution {

  private final StreamAccounts accounts;

  AccountResolution(StreamAccounts accounts) {
    this.accounts = accounts;
  }

  Mono<UUID> resolve(String appId, String reference) {
    UUID app = parse(appId);
    if (app == null || reference == null || reference.isBlank()) {
      return Mono.error(ApiProblem.notFound("account", String.valueOf(reference)));
    }
    return accounts.resolve(app, reference).collectList().flatMap(ids -> pick(reference, ids));
  }

  private static Mono<UUID> pick(String reference, List<UUID> ids) {
    if (ids.isEmpty()) {
      return Mono.error(ApiProblem.notFound("account", reference));
    }
    if (ids.size() > 1) {
      return Mono.error(
          new ApiProblem(
              HttpStatus.CONFLICT,
              "Ambiguous account",
              "account number " + reference + " belongs to " + ids.size()
                  + " of your accounts (on different connections); use one of their account ids",
              "account_id",
              ids.stream().map(UUID::toString).toList()));
    }
    return Mono.just(ids.get(0));
  }

  static UUID parse(String value) {
    try {
      return value == null ? null : UUID.fromString(value);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
