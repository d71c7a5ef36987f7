package dev.feedlink.webhook.delivery.domain;

import java.time.Duration;

/** What one HTTP attempt came to. A closed set: the delivery policy decides on each kind. */
public sealed interface AttemptOutcome {

  /** The name stored with the attempt and shown in the API. */
  String name();

  /** The HTTP status, or null when no response came. */
  Integer statusCode();

  /** The start of the response body, or an error description. */
  String detail();

  /** 2xx: the receiver has it. */
  record Delivered(int status, String excerpt) implements AttemptOutcome {
    public String name() {
      return "delivered";
    }

    public Integer statusCode() {
      return status;
    }

    public String detail() {
      return excerpt;
    }
  }

  /**
   * Any other status (3xx included: redirects are not followed, the URL should be updated).
   *
   * @param retryAfter the receiver's {@code Retry-After}, or null
   */
  record Rejected(int status, Duration retryAfter, String excerpt) implements AttemptOutcome {
    public String name() {
      return "rejected";
    }

    public Integer statusCode() {
      return status;
    }

    public String detail() {
      return excerpt;
    }
  }

  /** 410 Gone: the receiver wants no more webhooks at this URL. */
  record Gone(String excerpt) implements AttemptOutcome {
    public String name() {
      return "gone";
    }

    public Integer statusCode() {
      return 410;
    }

    public String detail() {
      return excerpt;
    }
  }

  /** No response: connection refused or reset, DNS failure, TLS failure, timeout. */
  record Unreachable(String error) implements AttemptOutcome {
    public String name() {
      return "unreachable";
    }

    public Integer statusCode() {
      return null;
    }

    public String detail() {
      return error;
    }
  }

  /** Not sent: the target resolved only to addresses webhooks may not go to. */
  record TargetRefused(String reason) implements AttemptOutcome {
    public String name() {
      return "refused";
    }

    public Integer statusCode() {
      return null;
    }

    public String detail() {
      return reason;
    }
  }
}
