package dev.feedlink.sandbox.energy.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The load model alone: deterministic, DST-aware, seasonal, with anomalies at the documented rates. */
class LoadModelTest {

  private static final LocalDate FROM = LocalDate.of(2020, 1, 1);
  private static final int DAYS = 3650;

  @Test
  void twoModelsOfTheSameAccountAgreeAndTwoAccountsDiffer() {
    LoadModel one = new LoadModel("5550000101", Commodity.ELECTRICITY);
    LoadModel same = new LoadModel("5550000101", Commodity.ELECTRICITY);
    LoadModel other = new LoadModel("5550000201", Commodity.ELECTRICITY);
    LocalDate day = LocalDate.of(2026, 7, 15);

    assertThat(same.day(day)).isEqualTo(one.day(day));
    assertThat(other.day(day).readings()).isNotEqualTo(one.day(day).readings());
  }

  @Test
  void localDaysHave96ReadingsAndDstDays92Or100() {
    LoadModel electricity = new LoadModel("5550000101", Commodity.ELECTRICITY);
    LoadModel gas = new LoadModel("5550000102", Commodity.GAS);

    assertThat(electricity.day(LocalDate.of(2026, 6, 1)).readings()).hasSize(96);
    assertThat(electricity.day(LocalDate.of(2026, 3, 8)).readings()).hasSize(92);
    assertThat(electricity.day(LocalDate.of(2026, 11, 1)).readings()).hasSize(100);
    assertThat(gas.day(LocalDate.of(2026, 3, 8)).readings()).hasSize(23);
    assertThat(gas.day(LocalDate.of(2026, 11, 1)).readings()).hasSize(25);
  }

  @Test
  void gasHeatsInWinterAndElectricityCoolsInSummer() {
    LoadModel gas = new LoadModel("5550000102", Commodity.GAS);
    LoadModel electricity = new LoadModel("5550000101", Commodity.ELECTRICITY);

    assertThat(monthTotal(gas, 2026, 1)).isGreaterThan(3 * monthTotal(gas, 2026, 7));
    assertThat(monthTotal(electricity, 2026, 7)).isGreaterThan(monthTotal(electricity, 2026, 4));
  }

  private static long monthTotal(LoadModel model, int year, int month) {
    long total = 0;
    for (LocalDate d = LocalDate.of(year, month, 1); d.getMonthValue() == month; d = d.plusDays(1)) {
      total += model.day(d).totalValue();
    }
    return total;
  }

  @Test
  void anomaliesAppearAboutAsOftenAsDocumented() {
    LoadModel electricity = new LoadModel("5550000101", Commodity.ELECTRICITY);
    int anomalousDays = 0;
    int spikes = 0;
    int negatives = 0;
    Set<LocalDate> estimatedDays = new HashSet<>();
    long readings = 0;
    for (int i = 0; i < DAYS; i++) {
      MeterDay day = electricity.day(FROM.plusDays(i));
      anomalousDays += day.anomalous() ? 1 : 0;
      for (Reading r : day.readings()) {
        readings++;
        switch (r.anomaly()) {
          case SPIKE -> spikes++;
          case NEGATIVE -> negatives++;
          case ESTIMATED -> estimatedDays.add(day.date());
          default -> { }
        }
        assertThat(r.value() < 0).isEqualTo(r.anomaly() == Reading.Anomaly.NEGATIVE);
        assertThat(r.quality() != null).isEqualTo(r.anomaly() == Reading.Anomaly.ESTIMATED);
      }
    }
    assertThat(anomalousDays).isBetween(DAYS / 40 / 2, DAYS / 40 * 2);
    assertThat(spikes).isBetween((int) (readings / 3000 / 2), (int) (readings / 3000 * 2));
    assertThat(negatives).isBetween((int) (readings / 6000 / 2), (int) (readings / 6000 * 2));
    assertThat(estimatedDays.size()).isBetween(DAYS / 50 / 2, DAYS / 50 * 2);
  }
}
