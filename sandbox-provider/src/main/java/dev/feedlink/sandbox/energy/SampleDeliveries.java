package dev.feedlink.sandbox.energy;

import dev.feedlink.sandbox.domain.ResettableState;
import dev.feedlink.sandbox.login.domain.DeviceKey;
import dev.feedlink.sandbox.login.domain.Grant;
import dev.feedlink.sandbox.samples.Samples;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * {@code user_sample} at the utility: a device's first data request gets the five-day sample, every
 * later one the fourteen-day union, so a refresh finds exactly the nine days of the second file new.
 */
@Component
class SampleDeliveries implements ResettableState {

  private final Samples samples;
  private final Set<DeviceKey> served = ConcurrentHashMap.newKeySet();

  SampleDeliveries(Samples samples) {
    this.samples = samples;
  }

  byte[] next(Grant grant) {
    return served.add(grant.attempt().device()) ? samples.greenButtonFirst() : samples.greenButtonUnion();
  }

  @Override
  public void reset() {
    served.clear();
  }
}
