package dev.feedlink.sandbox.provider;

import dev.feedlink.sandbox.bank.BankController;
import dev.feedlink.sandbox.energy.EnergyController;
import dev.feedlink.sandbox.login.LoginController;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.server.ServerWebInputException;

/** A provider request the server cannot read answers in the provider's own error shape, not ours. */
@RestControllerAdvice(assignableTypes = {LoginController.class, EnergyController.class, BankController.class})
class ProviderRequestErrors {

  @ExceptionHandler(ServerWebInputException.class)
  ResponseEntity<Object> unreadable(ServerWebInputException e) {
    return ProviderAnswers.invalidRequest(e.getReason() == null ? "the request cannot be read" : e.getReason());
  }
}
