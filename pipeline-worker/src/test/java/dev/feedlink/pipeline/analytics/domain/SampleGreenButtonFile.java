package dev.feedlink.pipeline.analytics.domain;

import java.io.File;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Just enough of a Green Button (ESPI) reader to feed a real sample file to the analytics; the
 * pipeline's own parser is another engineer's. One usage point per file, as in the samples.
 */
final class SampleGreenButtonFile {

  static final String SAMPLES = "/work/shared/samples/greenbutton/";
  private static final String ESPI = "http://naesb.org/espi";

  private final Document document;

  private SampleGreenButtonFile(Document document) {
    this.document = document;
  }

  static SampleGreenButtonFile read(String name) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    return new SampleGreenButtonFile(factory.newDocumentBuilder().parse(new File(SAMPLES + name)));
  }

  UsageSeries series(String accountId) {
    return new UsageSeries(accountId, kind(), zone(), readings(), bills());
  }

  /** Each IntervalBlock's values summed, in Wh (uom 72 with multiplier 0 in the samples). */
  List<BigDecimal> blockTotals() {
    List<BigDecimal> totals = new ArrayList<>();
    NodeList blocks = document.getElementsByTagNameNS(ESPI, "IntervalBlock");
    for (int b = 0; b < blocks.getLength(); b++) {
      NodeList values = ((Element) blocks.item(b)).getElementsByTagNameNS(ESPI, "value");
      BigDecimal total = BigDecimal.ZERO;
      for (int v = 0; v < values.getLength(); v++) {
        total = total.add(new BigDecimal(values.item(v).getTextContent().trim()));
      }
      totals.add(total);
    }
    return totals;
  }

  private UsageKind kind() {
    return "1".equals(text(document.getDocumentElement(), "ServiceCategory", "kind")) ? UsageKind.GAS : UsageKind.ELECTRICITY;
  }

  // The samples' LocalTimeParameters (UTC-5 with a one-hour DST) are North American eastern time.
  private ZoneId zone() {
    Element parameters = first(document.getDocumentElement(), "LocalTimeParameters");
    int offset = Integer.parseInt(text(parameters, "tzOffset"));
    boolean dst = !"0".equals(text(parameters, "dstOffset"));
    return offset == -18000 && dst ? ZoneId.of("America/New_York") : ZoneOffset.ofTotalSeconds(offset);
  }

  private List<IntervalReading> readings() {
    Element type = first(document.getDocumentElement(), "ReadingType");
    UsageUnit unit = unit(text(type, "uom"));
    int power = Integer.parseInt(text(type, "powerOfTenMultiplier"));
    List<IntervalReading> readings = new ArrayList<>();
    NodeList nodes = document.getElementsByTagNameNS(ESPI, "IntervalReading");
    for (int i = 0; i < nodes.getLength(); i++) {
      Element reading = (Element) nodes.item(i);
      Instant start = start(reading, "timePeriod");
      BigDecimal value = new BigDecimal(text(reading, "value")).scaleByPowerOfTen(power);
      String quality = text(reading, "ReadingQuality", "quality");
      readings.add(
          new IntervalReading(
              start,
              end(reading, "timePeriod"),
              value,
              unit,
              quality == null ? null : ReadingQuality.fromEspiCode(Integer.parseInt(quality))));
    }
    return readings;
  }

  private List<Bill> bills() {
    List<Bill> bills = new ArrayList<>();
    NodeList summaries = document.getElementsByTagNameNS(ESPI, "ElectricPowerUsageSummary");
    for (int i = 0; i < summaries.getLength(); i++) {
      Element summary = (Element) summaries.item(i);
      Element consumption = first(summary, "overallConsumptionLastPeriod");
      BigDecimal usage =
          new BigDecimal(text(consumption, "value")).scaleByPowerOfTen(Integer.parseInt(text(consumption, "powerOfTenMultiplier")));
      BigDecimal amount = new BigDecimal(text(summary, "billLastPeriod")).movePointLeft(5);
      String currency = "840".equals(text(summary, "currency")) ? "USD" : null;
      bills.add(new Bill(start(summary, "billingPeriod"), end(summary, "billingPeriod"), usage, unit(text(consumption, "uom")), amount, currency, null));
    }
    return bills;
  }

  // ESPI intervals are a start in epoch seconds and a duration in seconds.
  private static Instant start(Element parent, String interval) {
    return Instant.ofEpochSecond(Long.parseLong(text(parent, interval, "start")));
  }

  private static Instant end(Element parent, String interval) {
    return start(parent, interval).plus(Duration.ofSeconds(Long.parseLong(text(parent, interval, "duration"))));
  }

  private static UsageUnit unit(String uom) {
    return switch (uom) {
      case "72" -> UsageUnit.WH;
      case "169" -> UsageUnit.THERM;
      default -> throw new IllegalArgumentException("uom " + uom + " is not in the samples");
    };
  }

  private static Element first(Element parent, String name) {
    NodeList nodes = parent.getElementsByTagNameNS(ESPI, name);
    return nodes.getLength() == 0 ? null : (Element) nodes.item(0);
  }

  private static String text(Element parent, String... path) {
    Element at = parent;
    for (String name : path) {
      at = at == null ? null : first(at, name);
    }
    return at == null ? null : at.getTextContent().trim();
  }
}
