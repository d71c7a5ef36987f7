package dev.feedlink.sandbox.energy.domain;

import static dev.feedlink.sandbox.domain.Noise.unit;

import dev.feedlink.sandbox.domain.Noise;
import dev.feedlink.sandbox.energy.domain.Reading.Anomaly;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * A household's consumption, a pure function of its account number and the interval: a daily shape
 * (morning and evening peaks, a weekend midday), seasons (summer cooling and winter heating for
 * electricity, a heating season for gas), noise, and now and then something for the pipeline's
 * analytics to find (README, "Anomalies"). StrictMath keeps the values identical on every JVM.
 */
public final class LoadModel {

  public static final ZoneId ZONE = ZoneId.of("America/New_York");

  /** About one day in this many has a heavy evening (a heater or a car left charging). */
  public static final int ANOMALOUS_DAY_EVERY_ELECTRICITY = 40;

  public static final int ANOMALOUS_DAY_EVERY_GAS = 60;
  public static final int SPIKE_EVERY_ELECTRICITY = 3000;
  public static final int SPIKE_EVERY_GAS = 2500;
  public static final int NEGATIVE_EVERY_ELECTRICITY = 6000;

  /** About one day in this many has a few hours the utility estimated after a meter gap. */
  public static final int ESTIMATED_DAY_EVERY = 50;

  private static final long PARAMETERS = 0x5eed;
  private static final long NOISE = 1;
  private static final long ANOMALOUS_DAY = 2;
  private static final long ANOMALY_STRENGTH = 3;
  private static final long SPIKE = 4;
  private static final long NEGATIVE = 5;
  private static final long ESTIMATED_DAY = 6;
  private static final long ESTIMATED_START = 7;
  private static final long ESTIMATED_LENGTH = 8;

  private final long seed;
  private final Commodity commodity;
  private final double base;
  private final double morning;
  private final double evening;
  private final double weekendMidday;
  private final double cooling;
  private final double heating;

  public LoadModel(String accountNumber, Commodity commodity) {
    this.seed = Noise.seedOf(accountNumber);
    this.commodity = commodity;
    if (commodity == Commodity.ELECTRICITY) { // kW
      base = 0.25 + 0.35 * parameter(1);
      morning = 0.6 + 1.0 * parameter(2);
      evening = 1.2 + 1.8 * parameter(3);
      weekendMidday = 0.3 + 0.7 * parameter(4);
      cooling = 0.4 + 1.6 * parameter(5);
      heating = 0.2 + 0.8 * parameter(6);
    } else { // millitherms per hour
      base = 15 + 20 * parameter(1);
      morning = 20 + 30 * parameter(2);
      evening = morning;
      weekendMidday = 0;
      cooling = 0;
      heating = 80 + 140 * parameter(3);
    }
  }

  private double parameter(long k) {
    return unit(Noise.hash(seed ^ PARAMETERS, k));
  }

  public Commodity commodity() {
    return commodity;
  }

  /** The readings of one local day. */
  public MeterDay day(LocalDate date) {
    Instant start = date.atStartOfDay(ZONE).toInstant();
    Instant end = date.plusDays(1).atStartOfDay(ZONE).toInstant();
    long epochDay = date.toEpochDay();
    boolean electricity = commodity == Commodity.ELECTRICITY;
    boolean anomalous =
        unit(seed, epochDay, ANOMALOUS_DAY) < 1.0 / (electricity ? ANOMALOUS_DAY_EVERY_ELECTRICITY : ANOMALOUS_DAY_EVERY_GAS);
    double strength = electricity ? 2.2 + unit(seed, epochDay, ANOMALY_STRENGTH) : 1.8;
    int estimatedFrom = -1;
    int estimatedTo = -1;
    if (unit(seed, epochDay, ESTIMATED_DAY) < 1.0 / ESTIMATED_DAY_EVERY) {
      estimatedFrom = 1 + (int) (unit(seed, epochDay, ESTIMATED_START) * 18);
      estimatedTo = estimatedFrom + 2 + (int) (unit(seed, epochDay, ESTIMATED_LENGTH) * 4);
    }
    int doy = date.getDayOfYear();
    boolean weekend = date.getDayOfWeek() == DayOfWeek.SATURDAY || date.getDayOfWeek() == DayOfWeek.SUNDAY;
    int step = commodity.intervalSeconds();
    List<Reading> readings = new ArrayList<>(100);
    for (long t = start.getEpochSecond(); t < end.getEpochSecond(); t += step) {
      ZonedDateTime local = Instant.ofEpochSecond(t).atZone(ZONE);
      double hour = local.getHour() + local.getMinute() / 60.0;
      double expected = expected(hour, weekend, doy) * step / 3600.0 * (electricity ? 1000 : 1);
      long value;
      Integer quality = null;
      Anomaly anomaly = Anomaly.NONE;
      if (local.getHour() >= estimatedFrom && local.getHour() < estimatedTo) {
        value = Math.round(expected);
        quality = Reading.ESTIMATED;
        anomaly = Anomaly.ESTIMATED;
      } else {
        double measured = expected * (0.85 + 0.30 * unit(seed, t, NOISE));
        if (anomalous && (!electricity || hour >= 16)) {
          measured *= strength;
        }
        if (unit(seed, t, SPIKE) < 1.0 / (electricity ? SPIKE_EVERY_ELECTRICITY : SPIKE_EVERY_GAS)) {
          measured *= electricity ? 8 : 6;
          anomaly = Anomaly.SPIKE;
        }
        value = Math.round(measured);
        if (electricity && anomaly == Anomaly.NONE && unit(seed, t, NEGATIVE) < 1.0 / NEGATIVE_EVERY_ELECTRICITY) {
          value = -value;
          anomaly = Anomaly.NEGATIVE;
        }
      }
      readings.add(new Reading(t, step, value, value * rate(hour, weekend), quality, anomaly));
    }
    return new MeterDay(date, start, end, anomalous, readings);
  }

  /** The smooth expected rate: kW for electricity, millitherms per hour for gas. */
  private double expected(double hour, boolean weekend, int doy) {
    double winter = Math.max(0, StrictMath.cos(2 * Math.PI * (doy - 15) / 365.25));
    if (commodity == Commodity.GAS) {
      return base
          + morning * (bump(hour, weekend ? 9 : 7, 1.0) + bump(hour, 19, 1.5))
          + heating * StrictMath.pow(winter, 1.5) * (0.8 + 0.45 * bump(hour, 6.5, 2));
    }
    double summer = Math.max(0, StrictMath.cos(2 * Math.PI * (doy - 200) / 365.25));
    return base
        + morning * bump(hour, weekend ? 9.5 : 7.25, 1.0)
        + evening * bump(hour, 19, 1.8)
        + (weekend ? weekendMidday * bump(hour, 13, 2.5) : 0)
        + cooling * summer * summer * bump(hour, 16.5, 3.0)
        + heating * winter * winter * (0.6 + 0.4 * bump(hour, 7, 2.5));
  }

  /** Price per unit of value, in 1/100000 USD: time-of-use for electricity ($0.28 peak, $0.13 off). */
  private long rate(double hour, boolean weekend) {
    if (commodity == Commodity.GAS) {
      return 120; // $1.20 per therm = 120 per millitherm
    }
    return !weekend && hour >= 14 && hour < 19 ? 28 : 13;
  }

  /** A bell around {@code center} o'clock, wrapping at midnight. */
  private static double bump(double hour, double center, double width) {
    double d = Math.abs(hour - center);
    d = Math.min(d, 24 - d);
    return StrictMath.exp(-0.5 * (d / width) * (d / width));
  }
}
