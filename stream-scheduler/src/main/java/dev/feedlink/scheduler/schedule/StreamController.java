package dev.feedlink.scheduler.schedule;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.feedlink.platform.web.ApiProblem;
import dev.feedlink.platform.web.CallerApp;
import dev.feedlink.scheduler.attempt.domain.Attempt;
import dev.feedlink.scheduler.attempt.domain.AttemptResult;
import dev.feedlink.scheduler.attempt.domain.Resolution;
import dev.feedlink.scheduler.schedule.domain.InFlightJob;
import dev.feedlink.scheduler.schedule.domain.StreamAccount;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Stream API of seed 003, reached through the gateway (which forwards the caller's app id).
 * Bodies are read field by field so every mistake is answered with the field and its valid values.
 */
@RestController
class StreamController {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};
  private static final List<String> SCHEDULE_FIELDS = List.of("schedule", "data_type", "schedule_details");
  private static final List<String> BULK_FIELDS = List.of("action", "accounts", "schedule", "data_type", "schedule_details");
  private static final List<String> REFRESH_FIELDS = List.of("data_type");
  private static final List<String> ACTIONS = List.of("activate", "deactivate");

  private final StreamScheduling scheduling;

  StreamController(StreamScheduling scheduling) {
    this.scheduling = scheduling;
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record ActivationResponse(
      @JsonProperty("account_id") String accountId,
      @JsonProperty("account_number") String accountNumber,
      String schedule,
      @JsonProperty("data_type") String dataType,
      String status,
      @JsonProperty("schedule_details") Map<String, Object> scheduleDetails,
      @JsonProperty("next_refresh") Instant nextRefresh) {}

  record ScheduleView(String type, @JsonProperty("next_refresh") Instant nextRefresh) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record LastAttemptView(
      Instant timestamp,
      String result,
      @JsonProperty("fresh_data_retrieved") boolean freshDataRetrieved,
      @JsonProperty("job_id") String jobId) {}

  record ResolutionView(@JsonProperty("action_required") String actionRequired, String details) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record MfaStatusView(boolean required, @JsonProperty("last_prompt") Instant lastPrompt, @JsonProperty("failure_reason") String failureReason) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record StatusResponse(
      @JsonProperty("account_id") String accountId,
      @JsonProperty("account_number") String accountNumber,
      String status,
      @JsonProperty("data_type") String dataType,
      @JsonInclude(JsonInclude.Include.ALWAYS) ScheduleView schedule,
      @JsonProperty("schedule_details") Map<String, Object> scheduleDetails,
      @JsonInclude(JsonInclude.Include.ALWAYS) @JsonProperty("last_attempt") LastAttemptView lastAttempt,
      Integer code,
      String message,
      @JsonProperty("mfa_status") MfaStatusView mfaStatus,
      @JsonProperty("next_scheduled_attempt") Instant nextScheduledAttempt,
      @JsonProperty("schedule_paused") Boolean schedulePaused,
      ResolutionView resolution) {}

  record BulkResponse(
      String status,
      String message,
      @JsonProperty("active_accounts") List<String> activeAccounts,
      @JsonProperty("inactive_accounts") List<String> inactiveAccounts) {}

  record RefreshResponse(
      @JsonProperty("account_id") String accountId,
      @JsonProperty("job_id") String jobId,
      @JsonProperty("data_type") String dataType,
      String status,
      @JsonProperty("requested_at") Instant requestedAt) {}

  @PostMapping("/accounts/{account_id}/stream")
  Mono<ActivationResponse> activate(
      @PathVariable("account_id") String accountId, @RequestBody(required = false) JsonNode body, ServerWebExchange exchange) {
    String app = CallerApp.require(exchange);
    JsonNode request = object(body, SCHEDULE_FIELDS);
    ScheduleRequest schedule = scheduleRequest(request);
    return scheduling.activate(app, accountId, schedule).map(a -> activation(a.account(), a.status()));
  }

  @GetMapping("/accounts/{account_id}/stream/status")
  Mono<StatusResponse> status(@PathVariable("account_id") String accountId, ServerWebExchange exchange) {
    String app = CallerApp.require(exchange);
    return scheduling.status(app, accountId).map(v -> status(v.account(), v.lastAttempt()));
  }

  @PostMapping("/accounts/stream")
  Mono<BulkResponse> bulk(@RequestBody(required = false) JsonNode body, ServerWebExchange exchange) {
    String app = CallerApp.require(exchange);
    JsonNode request = object(body, BULK_FIELDS);
    String action = text(request, "action", ACTIONS);
    if (action != null && !ACTIONS.contains(action.strip().toLowerCase(Locale.ROOT))) {
      throw ApiProblem.invalidField("action", "action: '" + action + "' is not an action", ACTIONS);
    }
    List<String> accounts = accounts(request.get("accounts"));
    if (action != null && action.strip().equalsIgnoreCase("deactivate")) {
      return scheduling.deactivateAll(app, accounts)
          .map(r -> new BulkResponse("success", "Accounts deactivated from Stream schedule.", List.of(), ids(r.inactive())));
    }
    ScheduleRequest schedule = scheduleRequest(request);
    return scheduling.activateAll(app, accounts, schedule)
        .map(r -> new BulkResponse("success", "Stream schedule updated successfully.", ids(r.active()), List.of()));
  }

  @PostMapping("/accounts/{account_id}/stream/refresh")
  Mono<ResponseEntity<RefreshResponse>> refresh(
      @PathVariable("account_id") String accountId, @RequestBody(required = false) JsonNode body, ServerWebExchange exchange) {
    String app = CallerApp.require(exchange);
    JsonNode request = body == null || body.isNull() ? JSON.createObjectNode() : object(body, REFRESH_FIELDS);
    String dataType = text(request, "data_type", null);
    return scheduling.refresh(app, accountId, dataType)
        .map(r -> ResponseEntity.status(HttpStatus.ACCEPTED).body(new RefreshResponse(
            r.account().accountId().toString(),
            r.job().jobId().toString(),
            r.job().dataType(),
            r.alreadyInFlight() ? "in_progress" : "refresh_requested",
            r.job().firedAt())));
  }

  // --- reading requests -------------------------------------------------------------------------

  private static JsonNode object(JsonNode body, List<String> fields) {
    if (body == null || !body.isObject()) {
      throw ApiProblem.invalidField(null, "the request body must be a JSON object with " + String.join(", ", fields), fields);
    }
    for (Iterator<String> names = body.propertyNames().iterator(); names.hasNext(); ) {
      String name = names.next();
      if (!fields.contains(name)) {
        throw ApiProblem.invalidField(name, name + ": is not a field of this request", fields);
      }
    }
    return body;
  }

  private static ScheduleRequest scheduleRequest(JsonNode request) {
    String schedule = text(request, "schedule", dev.feedlink.scheduler.schedule.domain.ScheduleType.wireNames());
    String dataType = text(request, "data_type", dev.feedlink.scheduler.schedule.domain.DataTypes.ALL);
    JsonNode details = request.get("schedule_details");
    Map<String, Object> detailMap = null;
    if (details != null && !details.isNull()) {
      if (!details.isObject()) {
        throw ApiProblem.invalidField("schedule_details", "schedule_details: must be a JSON object", List.of());
      }
      detailMap = JSON.convertValue(details, MAP);
    }
    return new ScheduleRequest(schedule, dataType, detailMap);
  }

  private static String text(JsonNode request, String field, List<String> validValues) {
    JsonNode value = request.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isString()) {
      throw ApiProblem.invalidField(field, field + ": must be a string", validValues == null ? List.of() : validValues);
    }
    return value.asString();
  }

  private static List<String> accounts(JsonNode value) {
    List<String> valid = List.of("a list of account ids (or account numbers), 1 to " + StreamScheduling.MAX_BULK_ACCOUNTS);
    if (value == null || value.isNull()) {
      throw ApiProblem.invalidField("accounts", "accounts: is required", valid);
    }
    if (!value.isArray() || value.isEmpty() || value.size() > StreamScheduling.MAX_BULK_ACCOUNTS) {
      throw ApiProblem.invalidField("accounts", "accounts: must be a list of 1 to " + StreamScheduling.MAX_BULK_ACCOUNTS + " account ids", valid);
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i < value.size(); i++) {
      JsonNode item = value.get(i);
      if (!item.isString() || item.asString().isBlank()) {
        throw ApiProblem.invalidField("accounts[" + i + "]", "accounts[" + i + "]: must be an account id", valid);
      }
      out.add(item.asString().strip());
    }
    return out;
  }

  // --- writing responses ------------------------------------------------------------------------

  private static ActivationResponse activation(StreamAccount account, String status) {
    return new ActivationResponse(
        account.accountId().toString(),
        account.accountNumber(),
        account.scheduleType().wireName(),
        account.dataType(),
        status,
        account.details().isEmpty() ? null : account.details(),
        account.nextRunAt());
  }

  private static StatusResponse status(StreamAccount account, Attempt last) {
    boolean loginFailing = account.active() && account.credentialFailures() > 0 && last != null
        && last.result() == AttemptResult.RECONNECTION_FAILED;
    String status = !account.active() ? "inactive" : loginFailing ? "reconnection_failed" : "active";
    ScheduleView schedule = new ScheduleView(
        account.scheduleType() == null ? null : account.scheduleType().wireName(), account.nextRunAt());
    InFlightJob job = account.job();
    LastAttemptView lastAttempt =
        job != null
            ? new LastAttemptView(job.firedAt(), AttemptResult.IN_PROGRESS.wireName(), false, job.jobId().toString())
            : last == null
                ? null
                : new LastAttemptView(last.completedAt(), last.result().wireName(), last.freshData(),
                    last.firedAt() == null ? null : last.jobId().toString());
    if (!loginFailing) {
      return new StatusResponse(
          account.accountId().toString(), account.accountNumber(), status, account.dataType(), schedule,
          account.details().isEmpty() ? null : account.details(), lastAttempt, null, null, null, null, null, null);
    }
    Resolution resolution = Resolution.forCode(last.code()).orElse(null);
    MfaStatusView mfa = Boolean.TRUE.equals(last.mfaRequired())
        ? new MfaStatusView(true, last.mfaLastPrompt(), last.mfaFailureReason())
        : null;
    return new StatusResponse(
        account.accountId().toString(), account.accountNumber(), status, account.dataType(), schedule,
        account.details().isEmpty() ? null : account.details(), lastAttempt, last.code(), last.message(), mfa,
        account.nextRunAt(), account.paused() ? Boolean.TRUE : null,
        resolution == null ? null : new ResolutionView(resolution.actionRequired(), resolution.details()));
  }

  private static List<String> ids(List<StreamAccount> accounts) {
    return accounts.stream().map(StreamAccount::accountId).map(UUID::toString).toList();
  }
}
