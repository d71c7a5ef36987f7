package dev.feedlink.sandbox.login.domain;

/**
 * A login in progress: who, from which device, and where to call back ({@code user_webhook}).
 *
 * @param deviceId the client's device (the pipeline sends its connection id); blank means none
 */
public record LoginAttempt(TestLogin login, String deviceId, String callbackUrl) {

  public LoginAttempt {
    deviceId = deviceId == null ? "" : deviceId.strip();
  }

  public DeviceKey device() {
    return new DeviceKey(login.provider(), login.username(), deviceId);
  }

  public boolean hasDevice() {
    return !deviceId.isEmpty();
  }
}
