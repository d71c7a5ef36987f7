package dev.feedlink.schemas;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The numbered session statuses of the data-sharing pipeline (seed 002), numbers and names kept. */
public enum SessionStatusCode {
  LOADING(2, "Loading"),
  AUTHORIZATION(6, "Authorization"),
  ERROR_IN_AUTHORIZATION(7, "Error in Authorization"),
  DEAUTHORIZED(8, "Deauthorized"),
  AUTHORIZED(9, "Authorized"),
  LOADING_ERROR(11, "Loading Error"),
  LOADED(12, "Loaded"),
  STRUCTURING(13, "Structuring"),
  STRUCTURING_ERROR(14, "Structuring Error"),
  STRUCTURED(15, "Structured"),
  PROCESSING(16, "Processing"),
  PROCESSING_ERROR(17, "Processing error"),
  PROCESSED(18, "Processed"),
  SYNCED(19, "Synced"),
  AUTHORIZATION_TIMEDOUT(20, "Authorization timedout"),
  DEDUPLICATION(21, "Deduplication"),
  DEDUPLICATION_ERROR(22, "Deduplication Error"),
  TIMED_OUT(23, "Timed Out"),
  WAITING_FOR_WEBHOOK(25, "Waiting For Webhook"),
  DISCONNECTED(26, "Disconnected");

  private static final Map<Integer, SessionStatusCode> BY_CODE =
      Arrays.stream(values()).collect(Collectors.toMap(SessionStatusCode::code, Function.identity()));

  private final int code;
  private final String statusName;

  SessionStatusCode(int code, String statusName) {
    this.code = code;
    this.statusName = statusName;
  }

  public int code() {
    return code;
  }

  /** The name exactly as seed 002 spells it. */
  public String statusName() {
    return statusName;
  }

  /** A session in this status will not move again. */
  public boolean isTerminal() {
    return switch (this) {
      case SYNCED,
          ERROR_IN_AUTHORIZATION,
          AUTHORIZATION_TIMEDOUT,
          LOADING_ERROR,
          STRUCTURING_ERROR,
          DEDUPLICATION_ERROR,
          PROCESSING_ERROR,
          TIMED_OUT,
          DEAUTHORIZED,
          DISCONNECTED -> true;
      default -> false;
    };
  }

  public static Optional<SessionStatusCode> ofCode(int code) {
    return Optional.ofNullable(BY_CODE.get(code));
  }
}
