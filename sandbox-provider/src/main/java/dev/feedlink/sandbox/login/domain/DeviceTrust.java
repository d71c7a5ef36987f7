package dev.feedlink.sandbox.login.domain;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Devices that passed an MFA step, until when, and the accounts a device's user picked: what lets a
 * background refresh log in again with nobody present.
 */
final class DeviceTrust {

  private final Map<DeviceKey, Instant> trustedUntil = new ConcurrentHashMap<>();
  private final Map<DeviceKey, List<ProviderAccount>> selections = new ConcurrentHashMap<>();

  void trust(DeviceKey device, Instant until) {
    trustedUntil.put(device, until);
  }

  boolean trusted(DeviceKey device, Instant now) {
    Instant until = trustedUntil.get(device);
    return until != null && now.isBefore(until);
  }

  void rememberSelection(DeviceKey device, List<ProviderAccount> accounts) {
    selections.put(device, List.copyOf(accounts));
  }

  Optional<List<ProviderAccount>> selection(DeviceKey device) {
    return Optional.ofNullable(selections.get(device));
  }

  void revoke(String username) {
    trustedUntil.keySet().removeIf(d -> d.username().equals(username));
    selections.keySet().removeIf(d -> d.username().equals(username));
  }

  void reset() {
    trustedUntil.clear();
    selections.clear();
  }
}
