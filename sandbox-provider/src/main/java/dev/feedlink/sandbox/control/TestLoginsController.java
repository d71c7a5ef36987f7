package dev.feedlink.sandbox.control;

import dev.feedlink.sandbox.domain.ResettableState;
import dev.feedlink.sandbox.login.domain.Authenticator;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Changing a test login's password, and putting the whole sandbox back to its documented state. */
@RestController
class TestLoginsController {

  record NewPassword(String password) {}

  private final Authenticator authenticator;
  private final List<ResettableState> state;

  TestLoginsController(Authenticator authenticator, List<ResettableState> state) {
    this.authenticator = authenticator;
    this.state = state;
  }

  @PutMapping("/sandbox/users/{username}/password")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  void changePassword(@PathVariable String username, @RequestBody NewPassword request) {
    if (request.password() == null || request.password().isEmpty()) {
      throw new InvalidControlInput("password", "must not be empty", List.of());
    }
    if (!authenticator.knows(username)) {
      throw new UnknownTestLogin(username);
    }
    authenticator.changePassword(username, request.password());
  }

  /** Passwords, devices, consents, tokens, challenges, settings, faults, deliveries; not the clock. */
  @PostMapping("/sandbox/reset")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  void reset() {
    state.forEach(ResettableState::reset);
  }
}
