package dev.feedlink.sandbox.bank;

import java.util.List;
import java.util.Map;
import dev.feedlink.sandbox.provider.ProviderAnswers;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/** Errors in the CDR's shape: {@code {"errors": [{"code": "urn:au-cds:error:…", "title", "detail"}]}}. */
final class CdrErrors {

  static final String HEADER_MISSING = "urn:au-cds:error:cds-all:Header/Missing";
  static final String INVALID_VERSION = "urn:au-cds:error:cds-all:Header/InvalidVersion";
  static final String UNSUPPORTED_VERSION = "urn:au-cds:error:cds-all:Header/UnsupportedVersion";
  static final String FIELD_INVALID = "urn:au-cds:error:cds-all:Field/Invalid";
  static final String INVALID_PAGE_SIZE = "urn:au-cds:error:cds-all:Field/InvalidPageSize";
  static final String INVALID_PAGE = "urn:au-cds:error:cds-all:Field/InvalidPage";
  static final String INVALID_DATE_TIME = "urn:au-cds:error:cds-all:Field/InvalidDateTime";
  static final String INVALID_ACCOUNT = "urn:au-cds:error:cds-banking:Authorisation/InvalidBankingAccount";

  /** A request the bank refuses, with the CDR error it answers. */
  static final class Refusal extends RuntimeException {

    private final HttpStatus status;
    private final String code;
    private final String title;

    Refusal(HttpStatus status, String code, String title, String detail) {
      super(detail, null, false, false);
      this.status = status;
      this.code = code;
      this.title = title;
    }

    ResponseEntity<Object> answer() {
      return ProviderAnswers.json(status)
          .body(Map.of("errors", List.of(Map.of("code", code, "title", title, "detail", getMessage(), "meta", Map.of()))));
    }
  }

  private CdrErrors() {}
}
