package dev.feedlink.sandbox;

import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * A Green Button feed read back with the JDK's DOM, the way a client must: entries tied to their
 * usage point by their self links, the reading type through the meter reading's related link.
 */
final class ParsedFeed {

  static final String ATOM = "http://www.w3.org/2005/Atom";
  static final String ESPI = "http://naesb.org/espi";
  static final String BILLING = "https://feedlink.dev/ns/sandbox/billing";

  record Reading(long start, long duration, long value, long cost, Integer quality) {}

  record Block(String self, LocalDate title, long start, long duration, Instant published, List<Reading> readings) {

    long total() {
      return readings.stream().mapToLong(Reading::value).sum();
    }

    long cost() {
      return readings.stream().mapToLong(Reading::cost).sum();
    }
  }

  record Bill(
      String resource, long periodStart, long periodDuration, long billLastPeriod, long costAdditional, long consumption,
      int uom, int powerOfTenMultiplier, long statusTimeStamp, Instant published, LocalDate dueDate, LocalDate nextBillDate) {}

  record Account(String number, String title, int serviceKind, int uom, int powerOfTenMultiplier, int intervalLength,
      List<Block> blocks, List<Bill> bills) {}

  final Document document;
  final Map<String, Account> accounts = new LinkedHashMap<>();
  final Map<String, String> localTime = new LinkedHashMap<>();
  final Instant updated;
  final String selfLink;

  ParsedFeed(byte[] xml) {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setNamespaceAware(true);
      document = factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
    } catch (Exception e) {
      throw new IllegalArgumentException("not a well-formed feed: " + e.getMessage(), e);
    }
    Element feed = document.getDocumentElement();
    if (!ATOM.equals(feed.getNamespaceURI()) || !"feed".equals(feed.getLocalName())) {
      throw new IllegalArgumentException("not an Atom feed");
    }
    updated = Instant.parse(child(feed, ATOM, "updated").getTextContent());
    selfLink = link(feed, "self");
    Map<String, Element> readingTypes = new LinkedHashMap<>();
    Map<String, String> readingTypeOf = new LinkedHashMap<>();
    List<Element> entries = children(feed, ATOM, "entry");
    Map<String, Element> usagePoints = new LinkedHashMap<>();
    for (Element entry : entries) {
      Element resource = firstElement(child(entry, ATOM, "content"));
      String self = link(entry, "self");
      switch (resource.getLocalName()) {
        case "UsagePoint" -> usagePoints.put(self, entry);
        case "ReadingType" -> readingTypes.put(self, resource);
        case "MeterReading" -> readingTypeOf.put(self.substring(0, self.indexOf("/MeterReading/")), related(entry, "/ReadingType/"));
        case "LocalTimeParameters" -> children(resource, ESPI, null).forEach(e -> localTime.put(e.getLocalName(), e.getTextContent()));
        default -> { }
      }
    }
    for (Map.Entry<String, Element> up : usagePoints.entrySet()) {
      String prefix = up.getKey();
      Element resource = firstElement(child(up.getValue(), ATOM, "content"));
      Element type = readingTypes.get(readingTypeOf.get(prefix));
      List<Block> blocks = new ArrayList<>();
      List<Bill> bills = new ArrayList<>();
      for (Element entry : entries) {
        String self = link(entry, "self");
        if (!self.startsWith(prefix + "/")) {
          continue;
        }
        Element content = firstElement(child(entry, ATOM, "content"));
        Instant published = Instant.parse(child(entry, ATOM, "published").getTextContent());
        if (content.getLocalName().equals("IntervalBlock")) {
          List<Reading> readings = new ArrayList<>();
          for (Element r : children(content, ESPI, "IntervalReading")) {
            Element quality = child(r, ESPI, "ReadingQuality");
            readings.add(new Reading(
                number(child(r, ESPI, "timePeriod"), "start"), number(child(r, ESPI, "timePeriod"), "duration"),
                number(r, "value"), number(r, "cost"), quality == null ? null : (int) number(quality, "quality")));
          }
          Element interval = child(content, ESPI, "interval");
          blocks.add(new Block(self, LocalDate.parse(child(entry, ATOM, "title").getTextContent()), number(interval, "start"),
              number(interval, "duration"), published, readings));
        } else if (content.getLocalName().endsWith("UsageSummary")) {
          Element period = child(content, ESPI, "billingPeriod");
          Element consumption = child(content, ESPI, "overallConsumptionLastPeriod");
          bills.add(new Bill(content.getLocalName(), number(period, "start"), number(period, "duration"),
              number(content, "billLastPeriod"), number(content, "costAdditionalLastPeriod"), number(consumption, "value"),
              (int) number(consumption, "uom"), (int) number(consumption, "powerOfTenMultiplier"), number(content, "statusTimeStamp"),
              published, LocalDate.parse(child(entry, BILLING, "dueDate").getTextContent()),
              LocalDate.parse(child(entry, BILLING, "nextBillDate").getTextContent())));
        }
      }
      String number = prefix.substring(prefix.lastIndexOf('/') + 1);
      accounts.put(number, new Account(number, child(up.getValue(), ATOM, "title").getTextContent(),
          (int) number(child(resource, ESPI, "ServiceCategory"), "kind"),
          (int) number(type, "uom"), (int) number(type, "powerOfTenMultiplier"), (int) number(type, "intervalLength"), blocks, bills));
    }
  }

  Account account(String number) {
    Account account = accounts.get(number);
    if (account == null) {
      throw new AssertionError("no usage point " + number + " in the feed; it has " + accounts.keySet());
    }
    return account;
  }

  int entries(String resource) {
    return document.getElementsByTagNameNS(ESPI, resource).getLength();
  }

  private static String related(Element entry, String containing) {
    for (Element link : children(entry, ATOM, "link")) {
      if ("related".equals(link.getAttribute("rel")) && link.getAttribute("href").contains(containing)) {
        return link.getAttribute("href");
      }
    }
    throw new AssertionError("no related link to " + containing);
  }

  static String link(Element parent, String rel) {
    for (Element link : children(parent, ATOM, "link")) {
      if (rel.equals(link.getAttribute("rel"))) {
        return link.getAttribute("href");
      }
    }
    throw new AssertionError("no " + rel + " link");
  }

  private static long number(Element parent, String name) {
    return Long.parseLong(child(parent, ESPI, name).getTextContent().strip());
  }

  private static Element child(Element parent, String ns, String name) {
    List<Element> found = children(parent, ns, name);
    return found.isEmpty() ? null : found.get(0);
  }

  private static Element firstElement(Element parent) {
    return children(parent, null, null).get(0);
  }

  /** Direct element children, optionally of one namespace and local name. */
  private static List<Element> children(Element parent, String ns, String name) {
    List<Element> found = new ArrayList<>();
    NodeList nodes = parent.getChildNodes();
    for (int i = 0; i < nodes.getLength(); i++) {
      Node n = nodes.item(i);
      if (n instanceof Element e && (ns == null || ns.equals(e.getNamespaceURI())) && (name == null || name.equals(e.getLocalName()))) {
        found.add(e);
      }
    }
    return found;
  }
}
