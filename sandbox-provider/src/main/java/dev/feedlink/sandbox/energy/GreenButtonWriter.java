package dev.feedlink.sandbox.energy;

import dev.feedlink.sandbox.energy.domain.Bill;
import dev.feedlink.sandbox.energy.domain.Commodity;
import dev.feedlink.sandbox.energy.domain.MeterDay;
import dev.feedlink.sandbox.energy.domain.Reading;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Writes a Green Button (NAESB ESPI) subscription feed with the JDK's StAX writer, in the structure
 * and namespaces of the real files: an Atom feed whose entries carry ESPI resources in the default
 * namespace {@value #ESPI}, linked by their self/up/related hrefs.
 */
final class GreenButtonWriter {

  static final String ATOM = "http://www.w3.org/2005/Atom";
  static final String ESPI = "http://naesb.org/espi";

  /** Our extension for what ESPI has no element for: a bill's due date and the next bill date. */
  static final String BILLING = "https://feedlink.dev/ns/sandbox/billing";

  static final String RESOURCE = "/utility/espi/1_1/resource";

  // The US rules (second Sunday of March, first Sunday of November, 2:00), ESPI-encoded as in the samples.
  private static final String DST_START_RULE = "360E2000";
  private static final String DST_END_RULE = "B40E2000";

  private static final XMLOutputFactory FACTORY = XMLOutputFactory.newFactory();

  private final String subscriptionId;
  private final String customerId;

  GreenButtonWriter(String subscriptionId, String customerId) {
    this.subscriptionId = subscriptionId;
    this.customerId = customerId;
  }

  /**
   * @param selfHref the feed's own link
   * @param windowKey what makes this feed's id differ from another window's
   */
  byte[] write(String selfHref, String windowKey, List<MeterFeed> meters) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(1 << 16);
    try {
      XMLStreamWriter xml = FACTORY.createXMLStreamWriter(bytes, "UTF-8");
      xml.writeStartDocument("UTF-8", "1.0");
      xml.writeCharacters("\n");
      xml.writeStartElement("", "feed", ATOM);
      xml.writeDefaultNamespace(ATOM);
      xml.writeNamespace("fl", BILLING);
      text(xml, "id", urn("feed:" + subscriptionId + ":" + windowKey));
      text(xml, "title", "Green Button Subscription Feed");
      text(xml, "updated", time(updated(meters)));
      link(xml, "self", selfHref);
      boolean first = true;
      for (MeterFeed meter : meters) {
        usagePoint(xml, meter);
        if (first) {
          localTimeParameters(xml, meter.describedSince());
          first = false;
        }
        meterReading(xml, meter);
        readingType(xml, meter);
        for (MeterDay day : meter.days()) {
          intervalBlock(xml, meter, day);
        }
        for (Bill bill : meter.bills()) {
          usageSummary(xml, meter, bill);
        }
      }
      xml.writeEndElement();
      xml.writeCharacters("\n");
      xml.writeEndDocument();
      xml.close();
    } catch (XMLStreamException e) {
      throw new IllegalStateException("cannot write a Green Button feed", e);
    }
    return bytes.toByteArray();
  }

  private static Instant updated(List<MeterFeed> meters) {
    Instant latest = Instant.EPOCH;
    for (MeterFeed m : meters) {
      latest = max(latest, m.describedSince());
      if (!m.days().isEmpty()) {
        latest = max(latest, m.days().get(m.days().size() - 1).published());
      }
      if (!m.bills().isEmpty()) {
        latest = max(latest, m.bills().get(m.bills().size() - 1).published());
      }
    }
    return latest;
  }

  private static Instant max(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }

  private String usagePoints() {
    return RESOURCE + "/RetailCustomer/" + customerId + "/UsagePoint";
  }

  private String usagePoint(MeterFeed meter) {
    return usagePoints() + "/" + meter.account().number();
  }

  private static String summaryName(Commodity commodity) {
    // The older name for electricity, as in the OpenESPI samples; the newer one for gas.
    return commodity == Commodity.ELECTRICITY ? "ElectricPowerUsageSummary" : "UsageSummary";
  }

  private void usagePoint(XMLStreamWriter xml, MeterFeed meter) throws XMLStreamException {
    String self = usagePoint(meter);
    startEntry(xml, "UsagePoint:" + meter.account().number(), self, usagePoints());
    link(xml, "related", self + "/MeterReading");
    link(xml, "related", self + "/" + summaryName(meter.commodity()));
    link(xml, "related", RESOURCE + "/LocalTimeParameters/01");
    text(xml, "title", meter.account().name());
    startContent(xml, "UsagePoint");
    xml.writeStartElement("", "ServiceCategory", ESPI);
    espi(xml, "kind", meter.commodity().serviceKind());
    xml.writeEndElement();
    espi(xml, "status", 1);
    endEntry(xml, meter.describedSince());
  }

  private void localTimeParameters(XMLStreamWriter xml, Instant published) throws XMLStreamException {
    startEntry(xml, "LocalTimeParameters:01", RESOURCE + "/LocalTimeParameters/01", RESOURCE + "/LocalTimeParameters");
    text(xml, "title", "DST For North America");
    startContent(xml, "LocalTimeParameters");
    espi(xml, "dstEndRule", DST_END_RULE);
    espi(xml, "dstOffset", 3600);
    espi(xml, "dstStartRule", DST_START_RULE);
    espi(xml, "tzOffset", -18000);
    endEntry(xml, published);
  }

  private void meterReading(XMLStreamWriter xml, MeterFeed meter) throws XMLStreamException {
    String self = usagePoint(meter) + "/MeterReading/01";
    startEntry(xml, "MeterReading:" + meter.account().number(), self, usagePoint(meter) + "/MeterReading");
    link(xml, "related", self + "/IntervalBlock");
    link(xml, "related", readingType(meter));
    text(xml, "title", meter.commodity() == Commodity.ELECTRICITY
        ? "Fifteen Minute Electricity Consumption" : "Hourly Gas Consumption");
    startContent(xml, "MeterReading");
    endEntry(xml, meter.describedSince());
  }

  private static String readingType(MeterFeed meter) {
    return RESOURCE + "/ReadingType/" + meter.account().number() + "-01";
  }

  private void readingType(XMLStreamWriter xml, MeterFeed meter) throws XMLStreamException {
    Commodity c = meter.commodity();
    startEntry(xml, "ReadingType:" + meter.account().number(), readingType(meter), RESOURCE + "/ReadingType");
    text(xml, "title", "Type of Meter Reading Data");
    startContent(xml, "ReadingType");
    espi(xml, "accumulationBehaviour", 4); // delta data: each value is the interval's usage
    espi(xml, "commodity", c.espiCommodity());
    espi(xml, "currency", 840);
    espi(xml, "dataQualifier", 12);
    espi(xml, "flowDirection", 1);
    espi(xml, "intervalLength", c.intervalSeconds());
    espi(xml, "kind", 12);
    espi(xml, "phase", 769);
    espi(xml, "powerOfTenMultiplier", c.powerOfTenMultiplier());
    espi(xml, "timeAttribute", 0);
    espi(xml, "uom", c.uom());
    endEntry(xml, meter.describedSince());
  }

  private void intervalBlock(XMLStreamWriter xml, MeterFeed meter, MeterDay day) throws XMLStreamException {
    String blocks = usagePoint(meter) + "/MeterReading/01/IntervalBlock";
    String key = day.date().format(DateTimeFormatter.BASIC_ISO_DATE);
    startEntry(xml, "IntervalBlock:" + meter.account().number() + ":" + key, blocks + "/" + key, blocks);
    text(xml, "title", day.date().toString());
    startContent(xml, "IntervalBlock");
    interval(xml, "interval", day.start().getEpochSecond(), day.end().getEpochSecond() - day.start().getEpochSecond());
    for (Reading r : day.readings()) {
      xml.writeStartElement("", "IntervalReading", ESPI);
      espi(xml, "cost", r.cost());
      if (r.quality() != null) {
        xml.writeStartElement("", "ReadingQuality", ESPI);
        espi(xml, "quality", r.quality());
        xml.writeEndElement();
      }
      interval(xml, "timePeriod", r.start(), r.duration());
      espi(xml, "value", r.value());
      xml.writeEndElement();
    }
    endEntry(xml, day.published());
  }

  private void usageSummary(XMLStreamWriter xml, MeterFeed meter, Bill bill) throws XMLStreamException {
    Commodity c = meter.commodity();
    String name = summaryName(c);
    String summaries = usagePoint(meter) + "/" + name;
    String key = bill.billDate().format(DateTimeFormatter.BASIC_ISO_DATE);
    startEntry(xml, name + ":" + meter.account().number() + ":" + key, summaries + "/" + key, summaries);
    text(xml, "title", "Bill " + bill.billDate());
    startContent(xml, name);
    interval(xml, "billingPeriod", bill.periodStart().getEpochSecond(),
        bill.periodEnd().getEpochSecond() - bill.periodStart().getEpochSecond());
    espi(xml, "billLastPeriod", bill.total());
    espi(xml, "costAdditionalLastPeriod", bill.fixedCharge());
    espi(xml, "currency", 840);
    xml.writeStartElement("", "overallConsumptionLastPeriod", ESPI);
    espi(xml, "powerOfTenMultiplier", c.powerOfTenMultiplier());
    espi(xml, "uom", c.uom());
    espi(xml, "value", bill.consumption());
    xml.writeEndElement();
    espi(xml, "qualityOfReading", 14);
    espi(xml, "statusTimeStamp", bill.published().getEpochSecond());
    if (c != Commodity.ELECTRICITY) {
      espi(xml, "commodity", c.espiCommodity());
    }
    xml.writeEndElement(); // the summary
    xml.writeEndElement(); // content
    text(xml, "published", time(bill.published()));
    text(xml, "updated", time(bill.published()));
    billing(xml, "dueDate", bill.dueDate());
    billing(xml, "nextBillDate", bill.nextBillDate());
    xml.writeEndElement();
    xml.writeCharacters("\n");
  }

  private void startEntry(XMLStreamWriter xml, String idKey, String self, String up) throws XMLStreamException {
    xml.writeStartElement("", "entry", ATOM);
    text(xml, "id", urn(subscriptionId + ":" + idKey));
    link(xml, "self", self);
    link(xml, "up", up);
  }

  private static void startContent(XMLStreamWriter xml, String resource) throws XMLStreamException {
    xml.writeStartElement("", "content", ATOM);
    xml.writeStartElement("", resource, ESPI);
    xml.writeDefaultNamespace(ESPI);
  }

  private static void endEntry(XMLStreamWriter xml, Instant published) throws XMLStreamException {
    xml.writeEndElement(); // the resource
    xml.writeEndElement(); // content
    text(xml, "published", time(published));
    text(xml, "updated", time(published));
    xml.writeEndElement();
    xml.writeCharacters("\n");
  }

  private static void interval(XMLStreamWriter xml, String name, long start, long duration) throws XMLStreamException {
    xml.writeStartElement("", name, ESPI);
    espi(xml, "duration", duration);
    espi(xml, "start", start);
    xml.writeEndElement();
  }

  private static void espi(XMLStreamWriter xml, String name, long value) throws XMLStreamException {
    espi(xml, name, Long.toString(value));
  }

  private static void espi(XMLStreamWriter xml, String name, String value) throws XMLStreamException {
    xml.writeStartElement("", name, ESPI);
    xml.writeCharacters(value);
    xml.writeEndElement();
  }

  private static void billing(XMLStreamWriter xml, String name, LocalDate date) throws XMLStreamException {
    xml.writeStartElement("fl", name, BILLING);
    xml.writeCharacters(date.toString());
    xml.writeEndElement();
  }

  private static void text(XMLStreamWriter xml, String name, String value) throws XMLStreamException {
    xml.writeStartElement("", name, ATOM);
    xml.writeCharacters(value);
    xml.writeEndElement();
  }

  private static void link(XMLStreamWriter xml, String rel, String href) throws XMLStreamException {
    xml.writeEmptyElement("", "link", ATOM);
    xml.writeAttribute("rel", rel);
    xml.writeAttribute("href", href);
  }

  private static String urn(String key) {
    return "urn:uuid:" + UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8)).toString().toUpperCase(Locale.ROOT);
  }

  static String time(Instant instant) {
    return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS));
  }
}
