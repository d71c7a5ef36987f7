package dev.feedlink.pipeline.analytics.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class UsageUnitTest {

  @Test
  void watt_hours_convert_to_kilowatt_hours_exactly() {
    assertThat(UsageUnit.WH.convert(new BigDecimal("282"), UsageUnit.KWH)).isEqualByComparingTo("0.282");
    assertThat(UsageUnit.MWH.convert(new BigDecimal("0.5"), UsageUnit.WH)).isEqualByComparingTo("500000");
  }

  @Test
  void a_therm_is_29_307_kilowatt_hours() {
    assertThat(UsageUnit.THERM.convert(BigDecimal.ONE, UsageUnit.KWH))
        .isEqualByComparingTo("29.30710701722222");
  }

  @Test
  void a_hundred_cubic_feet_is_a_hundred_cubic_feet() {
    assertThat(UsageUnit.HUNDRED_CUBIC_FEET.convert(BigDecimal.ONE, UsageUnit.CUBIC_FOOT))
        .isEqualByComparingTo("100");
  }

  @Test
  void energy_and_volume_do_not_convert() {
    assertThat(UsageUnit.THERM.convertibleTo(UsageUnit.CUBIC_METRE)).isFalse();
    assertThatThrownBy(() -> UsageUnit.THERM.convert(BigDecimal.ONE, UsageUnit.CUBIC_METRE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("therm")
        .hasMessageContaining("m3");
  }

  @Test
  void symbols_round_trip_and_an_unknown_symbol_names_the_valid_ones() {
    for (UsageUnit unit : UsageUnit.values()) {
      assertThat(UsageUnit.fromSymbol(unit.symbol())).isEqualTo(unit);
    }
    assertThatThrownBy(() -> UsageUnit.fromSymbol("kwh")).hasMessageContaining("valid: Wh, kWh");
  }

  @Test
  void espi_quality_codes_map_to_qualities_and_unknown_codes_to_other() {
    assertThat(ReadingQuality.fromEspiCode(8)).isEqualTo(ReadingQuality.ESTIMATED_USING_REFERENCE_DAY);
    assertThat(ReadingQuality.fromEspiCode(8).notMeasured()).isTrue();
    assertThat(ReadingQuality.fromEspiCode(14)).isEqualTo(ReadingQuality.RAW);
    assertThat(ReadingQuality.fromEspiCode(14).notMeasured()).isFalse();
    assertThat(ReadingQuality.fromEspiCode(42)).isEqualTo(ReadingQuality.OTHER);
  }
}
