package dev.feedlink.pipeline.analytics.domain;

import java.util.List;

/**
 * Monitoring's result: the anomalous days of one account.
 *
 * @param unit symbol of every usage figure, e.g. {@code kWh} (per day)
 * @param method how days were judged, with the thresholds used
 * @param daysAssessed usable days that had enough history to be judged
 * @param daysWithoutHistory usable days too early (or too isolated) to have enough history
 * @param anomalousDays the anomalous days in date order
 */
public record MonitoringReport(
    String accountId,
    UsageKind kind,
    String timeZone,
    String unit,
    AnalysisStatus status,
    String statusDetail,
    String method,
    int daysAssessed,
    int daysWithoutHistory,
    List<AnomalousDay> anomalousDays) {

  public MonitoringReport {
    anomalousDays = List.copyOf(anomalousDays);
  }
}
