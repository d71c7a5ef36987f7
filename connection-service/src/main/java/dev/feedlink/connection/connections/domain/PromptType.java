package dev.feedlink.connection.connections.domain;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** What the provider asks the user during Authorization (6), by its REST name. */
public enum PromptType {
  SECURITY_QUESTION("security_question", StatusReason.SecurityAnswerRequired),
  MFA_METHOD_CHOICE("mfa_method_choice", StatusReason.MfaMethodChoiceRequired),
  MFA_CODE("mfa_code", StatusReason.MfaCodeRequired),
  MFA_ACTION("mfa_action", StatusReason.MfaActionRequired),
  ACCOUNT_SELECTION("account_selection", StatusReason.AccountSelectionRequired);

  private final String apiName;
  private final StatusReason required;

  PromptType(String apiName, StatusReason required) {
    this.apiName = apiName;
    this.required = required;
  }

  public String apiName() {
    return apiName;
  }

  /** The seed-000 reason while this is asked. */
  public StatusReason requiredReason() {
    return required;
  }

  public static Optional<PromptType> ofApiName(String name) {
    return Arrays.stream(values()).filter(t -> t.apiName.equals(name)).findFirst();
  }

  public static List<String> apiNames() {
    return Arrays.stream(values()).map(PromptType::apiName).toList();
  }
}
