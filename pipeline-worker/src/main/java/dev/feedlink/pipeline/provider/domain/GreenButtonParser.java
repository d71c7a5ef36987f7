package dev.feedlink.pipeline.provider.domain;

import dev.feedlink.pipeline.provider.domain.GreenButtonFeed.IntervalBlock;
import dev.feedlink.pipeline.provider.domain.GreenButtonFeed.IntervalReading;
import dev.feedlink.pipeline.provider.domain.GreenButtonFeed.MeterReading;
import dev.feedlink.pipeline.provider.domain.GreenButtonFeed.Quantity;
import dev.feedlink.pipeline.provider.domain.GreenButtonFeed.ReadingType;
import dev.feedlink.pipeline.provider.domain.GreenButtonFeed.ServiceKind;
import dev.feedlink.pipeline.provider.domain.GreenButtonFeed.UsagePoint;
import dev.feedlink.pipeline.provider.domain.GreenButtonFeed.UsageSummary;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads a Green Button (NAESB ESPI) Atom feed with the JDK's streaming XML reader, namespace-aware,
 * so the default-namespace form of the older exporters and the {@code espi:}-prefixed form of the
 * newer ones read alike. Resources are tied together by their {@code self}/{@code up}/{@code related}
 * links: a reading type may be its own entry or nested in its meter reading. Anything a reading
 * cannot do without (a time period, a value, a unit) missing makes the document malformed, with
 * the line it was found on.
 */
public final class GreenButtonParser {

  public static final String ATOM = "http://www.w3.org/2005/Atom";
  public static final String ESPI = "http://naesb.org/espi";

  private static final Pattern USAGE_POINT = Pattern.compile("/UsagePoint/([^/]+)");
  private static final Pattern METER_READING = Pattern.compile("/MeterReading/([^/]+)");
  private static final Pattern READING_TYPE = Pattern.compile("/ReadingType/([^/]+)");
  private static final Pattern LOCAL_TIME = Pattern.compile("/LocalTimeParameters/([^/]+)");

  private final XMLInputFactory factory;

  public GreenButtonParser() {
    factory = XMLInputFactory.newFactory();
    factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
    // Provider documents are untrusted: no DTDs, no external entities.
    factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    factory.setProperty(XMLInputFactory.IS_COALESCING, true);
    try {
      factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
    } catch (IllegalArgumentException ignored) {
      // not every StAX implementation knows the property; DTDs are off anyway
    }
  }

  public GreenButtonFeed parse(byte[] document) {
    return parse(new ByteArrayInputStream(document));
  }

  public GreenButtonFeed parse(InputStream document) {
    Collected collected = new Collected();
    XMLStreamReader xml = null;
    try {
      xml = factory.createXMLStreamReader(document);
      xml.nextTag();
      if (!ATOM.equals(xml.getNamespaceURI()) || !"feed".equals(xml.getLocalName())) {
        throw malformed(xml, "expected an Atom <feed>, found <" + xml.getLocalName() + ">");
      }
      while (xml.hasNext()) {
        int event = xml.next();
        if (event == XMLStreamConstants.START_ELEMENT) {
          if (ATOM.equals(xml.getNamespaceURI()) && "entry".equals(xml.getLocalName())) {
            collected.add(readEntry(xml));
          } else {
            skip(xml);
          }
        }
      }
    } catch (XMLStreamException e) {
      String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNumber();
      throw new MalformedDocumentException("Green Button feed is not well-formed XML" + where + ": " + e.getMessage(), e);
    } finally {
      close(xml);
    }
    return collected.link();
  }

  // --- reading entries into small element trees --------------------------------------------------

  /** One element with its text and children, for one entry's content (entries are small). */
  private record Node(String namespace, String name, String text, List<Node> children, int line) {

    Optional<Node> child(String childName) {
      return children.stream().filter(c -> c.name.equals(childName)).findFirst();
    }

    List<Node> all(String childName) {
      return children.stream().filter(c -> c.name.equals(childName)).toList();
    }

    Optional<String> text(String childName) {
      return child(childName).map(Node::text).map(String::strip).filter(s -> !s.isEmpty());
    }
  }

  private record Link(String rel, String href) {}

  private record Entry(List<Link> links, String title, Node resource, Map<String, String> extensions, int line) {

    Optional<String> href(String rel) {
      return links.stream().filter(l -> l.rel.equals(rel)).map(Link::href).findFirst();
    }

    List<String> related() {
      return links.stream().filter(l -> l.rel.equals("related")).map(Link::href).toList();
    }
  }

  private Entry readEntry(XMLStreamReader xml) throws XMLStreamException {
    int line = xml.getLocation().getLineNumber();
    List<Link> links = new ArrayList<>();
    Map<String, String> extensions = new LinkedHashMap<>();
    String title = null;
    Node resource = null;
    while (xml.nextTag() == XMLStreamConstants.START_ELEMENT) {
      String ns = xml.getNamespaceURI();
      String name = xml.getLocalName();
      if (ATOM.equals(ns) && name.equals("link")) {
        links.add(new Link(attribute(xml, "rel", "alternate"), attribute(xml, "href", "")));
        skip(xml);
      } else if (ATOM.equals(ns) && name.equals("title")) {
        title = xml.getElementText().strip();
      } else if (ATOM.equals(ns) && name.equals("content")) {
        resource = readContent(xml);
      } else if (!ATOM.equals(ns) && ns != null && !ns.isEmpty() && !ESPI.equals(ns)) {
        // A provider's own extension elements on the entry (e.g. a bill's due date).
        Node extension = readNode(xml);
        extensions.put(extension.name(), extension.text().strip());
      } else {
        skip(xml);
      }
    }
    return new Entry(links, title, resource, extensions, line);
  }

  private Node readContent(XMLStreamReader xml) throws XMLStreamException {
    Node resource = null;
    while (xml.nextTag() == XMLStreamConstants.START_ELEMENT) {
      Node node = readNode(xml);
      if (resource == null && ESPI.equals(node.namespace())) {
        resource = node;
      }
    }
    return resource;
  }

  /** Reads the element the reader is on, and everything in it. */
  private Node readNode(XMLStreamReader xml) throws XMLStreamException {
    String ns = xml.getNamespaceURI();
    String name = xml.getLocalName();
    int line = xml.getLocation().getLineNumber();
    List<Node> children = new ArrayList<>();
    StringBuilder text = new StringBuilder();
    while (true) {
      int event = xml.next();
      switch (event) {
        case XMLStreamConstants.START_ELEMENT -> children.add(readNode(xml));
        case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA -> text.append(xml.getText());
        case XMLStreamConstants.END_ELEMENT -> {
          return new Node(ns, name, text.toString(), children, line);
        }
        default -> {
          // comments, processing instructions, whitespace
        }
      }
    }
  }

  private static void skip(XMLStreamReader xml) throws XMLStreamException {
    int depth = 1;
    while (depth > 0) {
      int event = xml.next();
      if (event == XMLStreamConstants.START_ELEMENT) {
        depth++;
      } else if (event == XMLStreamConstants.END_ELEMENT) {
        depth--;
      }
    }
  }

  private static String attribute(XMLStreamReader xml, String name, String fallback) {
    String value = xml.getAttributeValue(null, name);
    return value == null ? fallback : value;
  }

  private static void close(XMLStreamReader xml) {
    if (xml != null) {
      try {
        xml.close();
      } catch (XMLStreamException ignored) {
        // nothing to release beyond the reader itself
      }
    }
  }

  private static MalformedDocumentException malformed(XMLStreamReader xml, String what) {
    return new MalformedDocumentException("Green Button feed line " + xml.getLocation().getLineNumber() + ": " + what);
  }

  // --- collecting resources and linking them --------------------------------------------------

  private record PointEntry(String id, String title, int kind, Optional<String> localTimeKey) {}

  private record MeterReadingEntry(String usagePointId, String id, Optional<String> readingTypeKey, ReadingType nested, int line) {}

  private record BlockEntry(String usagePointId, String meterReadingId, IntervalBlock block) {}

  private record SummaryEntry(String usagePointId, UsageSummary summary) {}

  private static final class Collected {
    final Map<String, PointEntry> points = new LinkedHashMap<>();
    final Map<String, MeterReadingEntry> meterReadings = new LinkedHashMap<>();
    final Map<String, ReadingType> readingTypes = new LinkedHashMap<>();
    final Map<String, EspiLocalTime> localTimes = new LinkedHashMap<>();
    final List<BlockEntry> blocks = new ArrayList<>();
    final List<SummaryEntry> summaries = new ArrayList<>();

    void add(Entry entry) {
      if (entry.resource() == null) {
        return;
      }
      Node r = entry.resource();
      String self = entry.href("self").orElse("");
      String up = entry.href("up").orElse("");
      switch (r.name()) {
        case "UsagePoint" -> {
          String id = find(USAGE_POINT, self, up)
              .orElseThrow(() -> malformedAt(r, "UsagePoint entry has no self link naming its id"));
          int kind = r.child("ServiceCategory").flatMap(c -> c.text("kind")).map(v -> (int) integer(r, "ServiceCategory/kind", v)).orElse(0);
          Optional<String> time = entry.related().stream().map(h -> match(LOCAL_TIME, h)).flatMap(Optional::stream).findFirst();
          points.put(id, new PointEntry(id, entry.title(), kind, time));
        }
        case "MeterReading" -> {
          String point = find(USAGE_POINT, self, up)
              .orElseThrow(() -> malformedAt(r, "MeterReading entry has no link naming its UsagePoint"));
          String id = match(METER_READING, self).orElse(point + ":" + meterReadings.size());
          Optional<String> type = entry.related().stream().map(h -> match(READING_TYPE, h)).flatMap(Optional::stream).findFirst();
          ReadingType nested = r.child("ReadingType").map(Collected::readingType).orElse(null);
          meterReadings.put(key(point, id), new MeterReadingEntry(point, id, type, nested, r.line()));
        }
        case "ReadingType" -> {
          String id = find(READING_TYPE, self, "")
              .orElseThrow(() -> malformedAt(r, "ReadingType entry has no self link naming its id"));
          readingTypes.put(id, readingType(r));
        }
        case "LocalTimeParameters" -> {
          String id = find(LOCAL_TIME, self, "").orElse("default");
          localTimes.put(id, localTime(r));
        }
        case "IntervalBlock" -> {
          String point = find(USAGE_POINT, self, up)
              .orElseThrow(() -> malformedAt(r, "IntervalBlock entry has no link naming its UsagePoint"));
          String reading = find(METER_READING, self, up)
              .orElseThrow(() -> malformedAt(r, "IntervalBlock entry has no link naming its MeterReading"));
          blocks.add(new BlockEntry(point, reading, intervalBlock(r)));
        }
        case "ElectricPowerUsageSummary", "UsageSummary" -> {
          String point = find(USAGE_POINT, self, up)
              .orElseThrow(() -> malformedAt(r, r.name() + " entry has no link naming its UsagePoint"));
          summaries.add(new SummaryEntry(point, summary(r, entry.extensions())));
        }
        default -> {
          // ElectricPowerQualitySummary, ApplicationInformation, ...: not data Feedlink delivers
        }
      }
    }

    GreenButtonFeed link() {
      Map<String, List<IntervalBlock>> blocksByReading = new LinkedHashMap<>();
      for (BlockEntry b : blocks) {
        String key = key(b.usagePointId(), b.meterReadingId());
        if (!meterReadings.containsKey(key)) {
          throw new MalformedDocumentException(
              "Green Button feed: an IntervalBlock refers to MeterReading " + b.meterReadingId() + " of UsagePoint "
                  + b.usagePointId() + ", which the feed does not contain");
        }
        blocksByReading.computeIfAbsent(key, k -> new ArrayList<>()).add(b.block());
      }
      EspiLocalTime onlyTime = localTimes.size() == 1 ? localTimes.values().iterator().next() : EspiLocalTime.UTC;
      List<UsagePoint> result = new ArrayList<>();
      for (PointEntry p : points.values()) {
        List<MeterReading> readings = new ArrayList<>();
        for (MeterReadingEntry m : meterReadings.values()) {
          if (!m.usagePointId().equals(p.id())) {
            continue;
          }
          List<IntervalBlock> own = blocksByReading.getOrDefault(key(p.id(), m.id()), List.of());
          ReadingType type = m.nested() != null ? m.nested() : m.readingTypeKey().map(readingTypes::get).orElse(null);
          if (type == null) {
            if (!own.isEmpty()) {
              throw new MalformedDocumentException(
                  "Green Button feed line " + m.line() + ": MeterReading " + m.id() + " of UsagePoint " + p.id()
                      + " has readings but no ReadingType, so their unit is unknown");
            }
            continue;
          }
          readings.add(new MeterReading(m.id(), type, own));
        }
        List<UsageSummary> bills = summaries.stream().filter(s -> s.usagePointId().equals(p.id())).map(SummaryEntry::summary).toList();
        EspiLocalTime time = p.localTimeKey().map(localTimes::get).orElse(onlyTime);
        result.add(new UsagePoint(p.id(), p.title(), ServiceKind.ofCode(p.kind()), time == null ? onlyTime : time, readings, bills));
      }
      for (BlockEntry b : blocks) {
        if (!points.containsKey(b.usagePointId())) {
          throw new MalformedDocumentException(
              "Green Button feed: readings for UsagePoint " + b.usagePointId() + ", which the feed does not describe");
        }
      }
      return new GreenButtonFeed(result);
    }

    private static String key(String point, String reading) {
      return point + "/" + reading;
    }

    private static ReadingType readingType(Node r) {
      long uom = required(r, "uom");
      return new ReadingType(
          (int) uom,
          (int) optional(r, "powerOfTenMultiplier").orElse(0L).longValue(),
          optionalInt(r, "intervalLength"),
          optionalInt(r, "flowDirection"),
          optionalInt(r, "commodity"),
          optionalInt(r, "accumulationBehaviour"),
          optionalInt(r, "currency"));
    }

    private static EspiLocalTime localTime(Node r) {
      try {
        return EspiLocalTime.of(
            (int) required(r, "tzOffset"),
            (int) optional(r, "dstOffset").orElse(0L).longValue(),
            r.text("dstStartRule").orElse(null),
            r.text("dstEndRule").orElse(null));
      } catch (IllegalArgumentException e) {
        throw malformedAt(r, "LocalTimeParameters: " + e.getMessage());
      }
    }

    private static IntervalBlock intervalBlock(Node r) {
      Node interval = r.child("interval").orElseThrow(() -> malformedAt(r, "IntervalBlock has no <interval>"));
      List<IntervalReading> readings = new ArrayList<>();
      for (Node reading : r.all("IntervalReading")) {
        Node period = reading.child("timePeriod")
            .orElseThrow(() -> malformedAt(reading, "IntervalReading has no <timePeriod>"));
        Integer quality = reading.child("ReadingQuality").flatMap(q -> q.text("quality")).map(v -> (int) integer(reading, "quality", v)).orElse(null);
        readings.add(new IntervalReading(
            required(period, "start"),
            required(period, "duration"),
            required(reading, "value"),
            optional(reading, "cost").orElse(null),
            quality));
      }
      return new IntervalBlock(required(interval, "start"), required(interval, "duration"), readings);
    }

    private static UsageSummary summary(Node r, Map<String, String> extensions) {
      Node period = r.child("billingPeriod").orElseThrow(() -> malformedAt(r, r.name() + " has no <billingPeriod>"));
      Quantity consumption = r.child("overallConsumptionLastPeriod")
          .map(q -> new Quantity(required(q, "value"), (int) required(q, "uom"), (int) optional(q, "powerOfTenMultiplier").orElse(0L).longValue()))
          .orElse(null);
      return new UsageSummary(
          required(period, "start"),
          required(period, "duration"),
          optional(r, "billLastPeriod").orElse(null),
          optional(r, "costAdditionalLastPeriod").orElse(null),
          optionalInt(r, "currency"),
          consumption,
          date(r, extensions.get("dueDate")),
          date(r, extensions.get("nextBillDate")));
    }

    private static LocalDate date(Node r, String value) {
      if (value == null || value.isBlank()) {
        return null;
      }
      try {
        return LocalDate.parse(value.strip());
      } catch (DateTimeParseException e) {
        throw malformedAt(r, "'" + value + "' is not a date (YYYY-MM-DD)");
      }
    }

    private static long required(Node parent, String name) {
      return optional(parent, name)
          .orElseThrow(() -> malformedAt(parent, parent.name() + " has no <" + name + ">"));
    }

    private static Optional<Long> optional(Node parent, String name) {
      return parent.text(name).map(v -> integer(parent, name, v));
    }

    private static Integer optionalInt(Node parent, String name) {
      return optional(parent, name).map(Long::intValue).orElse(null);
    }

    private static long integer(Node at, String name, String value) {
      try {
        return Long.parseLong(value.strip());
      } catch (NumberFormatException e) {
        throw malformedAt(at, "<" + name + "> '" + value + "' is not an integer");
      }
    }

    private static Optional<String> find(Pattern pattern, String self, String up) {
      Optional<String> fromSelf = match(pattern, self);
      return fromSelf.isPresent() ? fromSelf : match(pattern, up);
    }

    private static Optional<String> match(Pattern pattern, String href) {
      Matcher m = pattern.matcher(href);
      return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    private static MalformedDocumentException malformedAt(Node at, String what) {
      return new MalformedDocumentException("Green Button feed line " + at.line() + ": " + what);
    }
  }
}
