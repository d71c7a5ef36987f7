package dev.feedlink.sandbox.energy.domain;

import dev.feedlink.sandbox.login.domain.AccountKind;

/**
 * What a meter measures, in Green Button terms.
 *
 * @param intervalSeconds the length of one reading
 * @param uom the ESPI unit of measure code (72 = Wh, 169 = therm)
 * @param powerOfTenMultiplier a reading's value times 10^this is in {@code uom}
 * @param serviceKind the ESPI ServiceCategory kind (0 = electricity, 1 = gas)
 * @param espiCommodity the ESPI ReadingType commodity (1 = electricity, 7 = natural gas)
 * @param fixedCharge the monthly charge on top of usage, in 1/100000 of the currency
 */
public enum Commodity {
  ELECTRICITY(900, 72, 0, 0, 1, 1_200_000),
  GAS(3600, 169, -3, 1, 7, 1_500_000);

  private final int intervalSeconds;
  private final int uom;
  private final int powerOfTenMultiplier;
  private final int serviceKind;
  private final int espiCommodity;
  private final long fixedCharge;

  Commodity(int intervalSeconds, int uom, int powerOfTenMultiplier, int serviceKind, int espiCommodity, long fixedCharge) {
    this.intervalSeconds = intervalSeconds;
    this.uom = uom;
    this.powerOfTenMultiplier = powerOfTenMultiplier;
    this.serviceKind = serviceKind;
    this.espiCommodity = espiCommodity;
    this.fixedCharge = fixedCharge;
  }

  /** The meter behind a utility account of this kind. */
  public static Commodity of(AccountKind kind) {
    return kind == AccountKind.GAS ? GAS : ELECTRICITY;
  }

  public int intervalSeconds() {
    return intervalSeconds;
  }

  public int uom() {
    return uom;
  }

  public int powerOfTenMultiplier() {
    return powerOfTenMultiplier;
  }

  public int serviceKind() {
    return serviceKind;
  }

  public int espiCommodity() {
    return espiCommodity;
  }

  public long fixedCharge() {
    return fixedCharge;
  }
}
