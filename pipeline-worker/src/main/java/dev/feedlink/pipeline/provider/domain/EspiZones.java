package dev.feedlink.pipeline.provider.domain;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneRules;
import java.util.List;
import java.util.Optional;

/**
 * A named time zone that keeps the same local time as a feed's {@link EspiLocalTime}, for code that
 * works with {@link ZoneId}s. The usual zones of the offset are tried first, then every zone the
 * JDK knows; a zone fits when its offset equals the feed's at every daylight-saving transition of
 * the years checked and in between. Without daylight saving it is the fixed offset itself.
 */
public final class EspiZones {

  private static final List<String> PREFERRED = List.of(
      "America/New_York", "America/Chicago", "America/Denver", "America/Los_Angeles", "America/Anchorage",
      "Pacific/Honolulu", "America/Halifax", "America/St_Johns", "Europe/London", "Europe/Paris",
      "Australia/Sydney", "Australia/Adelaide", "Australia/Brisbane", "Australia/Perth", "Pacific/Auckland");

  private EspiZones() {}

  /** The zone for the rules, checked over {@code years} around {@code around}. */
  public static ZoneId zoneOf(EspiLocalTime time, Instant around) {
    if (!time.observesDst()) {
      return ZoneOffset.ofTotalSeconds(time.tzOffsetSeconds());
    }
    int year = LocalDateTime.ofInstant(around, ZoneOffset.UTC).getYear();
    Optional<ZoneId> preferred = PREFERRED.stream().map(ZoneId::of).filter(z -> fits(z, time, year)).findFirst();
    if (preferred.isPresent()) {
      return preferred.get();
    }
    return ZoneId.getAvailableZoneIds().stream().sorted().map(ZoneId::of).filter(z -> fits(z, time, year)).findFirst()
        .orElse(ZoneOffset.ofTotalSeconds(time.tzOffsetSeconds()));
  }

  private static boolean fits(ZoneId zone, EspiLocalTime time, int year) {
    ZoneRules rules = zone.getRules();
    for (int y = year - 1; y <= year + 1; y++) {
      for (LocalDateTime t : List.of(
          EspiLocalTime.transition(time.dstStartRule(), y), EspiLocalTime.transition(time.dstEndRule(), y))) {
        // Just before, at and after each transition, and mid-way between.
        for (long offsetHours : new long[] {-25, -2, 2, 25, 24 * 60}) {
          Instant probe = t.toInstant(ZoneOffset.ofTotalSeconds(time.tzOffsetSeconds())).plusSeconds(offsetHours * 3600);
          if (!rules.getOffset(probe).equals(time.offsetAt(probe))) {
            return false;
          }
        }
      }
    }
    return true;
  }
}
