package dev.feedlink.pipeline.analytics.domain;

/**
 * A provider's statement about one reading: Green Button (ESPI) {@code QualityOfReading} codes.
 * Cleaning reports readings the provider itself did not measure (estimated, edited, derived,
 * projected, questionable) but keeps them: they are the provider's data, not a defect of ours.
 */
public enum ReadingQuality {
  VALID(0),
  MANUALLY_EDITED(7),
  ESTIMATED_USING_REFERENCE_DAY(8),
  ESTIMATED_USING_LINEAR_INTERPOLATION(9),
  QUESTIONABLE(10),
  DERIVED(11),
  PROJECTED(12),
  MIXED(13),
  RAW(14),
  NORMALIZED_FOR_WEATHER(15),
  OTHER(16),
  VALIDATED(17),
  VERIFIED(18),
  REVENUE_QUALITY(19);

  private final int espiCode;

  ReadingQuality(int espiCode) {
    this.espiCode = espiCode;
  }

  public int espiCode() {
    return espiCode;
  }

  /** True when the provider says the value is not a plain measurement of the interval. */
  public boolean notMeasured() {
    return switch (this) {
      case MANUALLY_EDITED,
          ESTIMATED_USING_REFERENCE_DAY,
          ESTIMATED_USING_LINEAR_INTERPOLATION,
          QUESTIONABLE,
          DERIVED,
          PROJECTED,
          MIXED ->
          true;
      default -> false;
    };
  }

  /** The quality for an ESPI code; a code the standard does not define maps to {@link #OTHER}. */
  public static ReadingQuality fromEspiCode(int code) {
    for (ReadingQuality quality : values()) {
      if (quality.espiCode == code) {
        return quality;
      }
    }
    return OTHER;
  }
}
