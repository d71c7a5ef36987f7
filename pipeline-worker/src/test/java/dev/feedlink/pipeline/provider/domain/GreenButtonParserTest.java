package dev.feedlink.pipeline.provider.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.feedlink.pipeline.provider.domain.GreenButtonFeed.IntervalReading;
import dev.feedlink.pipeline.provider.domain.GreenButtonFeed.MeterReading;
import dev.feedlink.pipeline.provider.domain.GreenButtonFeed.UsagePoint;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Parses every real Green Button sample and checks what it finds against figures computed here
 * independently, straight from the text of the files (regular expressions and the JDK's own
 * America/New_York rules), not through the parser.
 */
class GreenButtonParserTest {

  private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
  private static final Pattern READING =
      Pattern.compile("<IntervalReading>(.*?)</IntervalReading>", Pattern.DOTALL);
  private static final Pattern START = Pattern.compile("<timePeriod>.*?<start>(\\d+)</start>", Pattern.DOTALL);
  private static final Pattern VALUE = Pattern.compile("<value>(-?\\d+)</value>");

  private final GreenButtonParser parser = new GreenButtonParser();

  /** The readings of a file as its text states them: start (epoch seconds) to value (Wh). */
  private static Map<Long, Long> readingsInText(String file) {
    Map<Long, Long> readings = new TreeMap<>();
    Matcher reading = READING.matcher(Samples.text("greenbutton/" + file));
    while (reading.find()) {
      Matcher start = START.matcher(reading.group(1));
      Matcher value = VALUE.matcher(reading.group(1));
      assertThat(start.find() && value.find()).as("a reading in %s with a start and a value", file).isTrue();
      readings.put(Long.parseLong(start.group(1)), Long.parseLong(value.group(1)));
    }
    return readings;
  }

  private static List<IntervalReading> parsedReadings(UsagePoint point) {
    List<IntervalReading> all = new ArrayList<>();
    for (MeterReading m : point.meterReadings()) {
      m.blocks().forEach(b -> all.addAll(b.readings()));
    }
    return all;
  }

  @ParameterizedTest
  @ValueSource(strings = {"test_usage_data.xml", "test_usage_data_01.xml", "test_usage_data_1.xml", "test_usage_data_11.xml", "test_usage_data_2.xml"})
  void everyReadingOfEverySampleIsFoundWithItsValueAndTheTotalsMatch(String file) {
    Map<Long, Long> expected = readingsInText(file);
    long expectedWh = expected.values().stream().mapToLong(Long::longValue).sum();

    GreenButtonFeed feed = parser.parse(Samples.bytes("greenbutton/" + file));

    assertThat(feed.usagePoints()).hasSize(1);
    UsagePoint point = feed.usagePoints().get(0);
    assertThat(point.id()).isEqualTo("5446AF3F");
    assertThat(point.kind()).isEqualTo(GreenButtonFeed.ServiceKind.ELECTRICITY);
    List<IntervalReading> readings = parsedReadings(point);
    assertThat(readings).hasSize(expected.size());
    assertThat(readings.stream().collect(Collectors.toMap(IntervalReading::start, IntervalReading::value)))
        .isEqualTo(expected);
    assertThat(readings).allSatisfy(r -> assertThat(r.duration()).isEqualTo(900));

    UtilityAccount account = GreenButtonStructure.accounts(feed).get(0);
    assertThat(account.unit()).isEqualTo("kWh");
    assertThat(account.intervalSeconds()).isEqualTo(900);
    BigDecimal totalKwh = account.intervals().stream().map(UsageInterval::usage).reduce(BigDecimal.ZERO, BigDecimal::add);
    assertThat(totalKwh).isEqualByComparingTo(BigDecimal.valueOf(expectedWh).movePointLeft(3));
  }

  @Test
  void theSpringForwardDayHasNinetyTwoReadingsAllOnThatLocalDay() {
    GreenButtonFeed feed = parser.parse(Samples.bytes("greenbutton/test_usage_data_11.xml"));
    UsagePoint point = feed.usagePoints().get(0);
    List<IntervalReading> readings = parsedReadings(point);

    assertThat(readings).hasSize(92);
    for (IntervalReading r : readings) {
      Instant start = Instant.ofEpochSecond(r.start());
      assertThat(point.localTime().localDate(start)).isEqualTo(LocalDate.of(2012, 3, 11));
      assertThat(point.localTime().toLocal(start)).isEqualTo(start.atZone(NEW_YORK).toLocalDateTime());
    }
  }

  @Test
  void fourteenDaysGroupIntoLocalDaysOfNinetySixExceptTheDstDayAsTheJdkRulesSay() {
    GreenButtonFeed feed = parser.parse(Samples.bytes("greenbutton/test_usage_data.xml"));
    UsagePoint point = feed.usagePoints().get(0);
    Map<LocalDate, Long> byEspiRules = new TreeMap<>();
    Map<LocalDate, Long> byJdkRules = new TreeMap<>();
    for (IntervalReading r : parsedReadings(point)) {
      Instant start = Instant.ofEpochSecond(r.start());
      byEspiRules.merge(point.localTime().localDate(start), 1L, Long::sum);
      byJdkRules.merge(start.atZone(NEW_YORK).toLocalDate(), 1L, Long::sum);
    }

    assertThat(byEspiRules).isEqualTo(byJdkRules).hasSize(14);
    assertThat(byEspiRules.get(LocalDate.of(2012, 3, 11))).isEqualTo(92);
    assertThat(byEspiRules.entrySet().stream().filter(e -> !e.getKey().equals(LocalDate.of(2012, 3, 11))))
        .allSatisfy(e -> assertThat(e.getValue()).isEqualTo(96));
  }

  @Test
  void theFirstFiveDaysAndTheNextNineAreDisjointAndTogetherTheFourteen() {
    Set<Long> first = readingsOf("test_usage_data_1.xml");
    Set<Long> next = readingsOf("test_usage_data_2.xml");
    Set<Long> all = readingsOf("test_usage_data.xml");

    assertThat(first).hasSize(480).doesNotContainAnyElementsOf(next);
    assertThat(next).hasSize(860);
    Set<Long> union = new TreeSet<>(first);
    union.addAll(next);
    assertThat(union).isEqualTo(all);
  }

  private Set<Long> readingsOf(String file) {
    return parsedReadings(parser.parse(Samples.bytes("greenbutton/" + file)).usagePoints().get(0)).stream()
        .map(IntervalReading::start)
        .collect(Collectors.toCollection(TreeSet::new));
  }

  @Test
  void theUsageSummaryIsABillInDollarsAndKilowattHours() {
    String text = Samples.text("greenbutton/test_usage_data.xml");
    long billHundredThousandths = Long.parseLong(first(text, "<billLastPeriod>(\\d+)</billLastPeriod>"));
    long consumptionWh = Long.parseLong(first(text, "<overallConsumptionLastPeriod>.*?<value>(\\d+)</value>"));
    long start = Long.parseLong(first(text, "<billingPeriod>.*?<start>(\\d+)</start>"));
    long duration = Long.parseLong(first(text, "<billingPeriod>.*?<duration>(\\d+)</duration>"));

    UtilityBill bill = GreenButtonStructure.accounts(parser.parse(text.getBytes(StandardCharsets.UTF_8))).get(0).bills().get(0);

    assertThat(bill.amount()).isEqualByComparingTo(BigDecimal.valueOf(billHundredThousandths, 5));
    assertThat(bill.amount().toPlainString()).isEqualTo("152.52");
    assertThat(bill.currency()).isEqualTo("USD");
    assertThat(bill.usage()).isEqualByComparingTo(BigDecimal.valueOf(consumptionWh, 3));
    assertThat(bill.unit()).isEqualTo("kWh");
    assertThat(bill.periodStart()).isEqualTo(Instant.ofEpochSecond(start));
    assertThat(bill.periodEnd()).isEqualTo(Instant.ofEpochSecond(start + duration));
  }

  private static String first(String text, String regex) {
    Matcher m = Pattern.compile(regex, Pattern.DOTALL).matcher(text);
    assertThat(m.find()).as(regex).isTrue();
    return m.group(1);
  }

  @Test
  void theEspiPrefixedFormReadsLikeTheDefaultNamespaceForm() {
    GreenButtonFeed feed = parser.parse(Samples.bytes("greenbutton/usage-subscription-feed-espi-prefixed.xml"));

    assertThat(feed.usagePoints()).hasSize(1);
    UsagePoint point = feed.usagePoints().get(0);
    assertThat(point.id()).isEqualTo("test-usage-point-id");
    assertThat(point.title()).isEqualTo("Test Usage Point");
    assertThat(point.kind()).isEqualTo(GreenButtonFeed.ServiceKind.ELECTRICITY);
    assertThat(point.localTime().tzOffsetSeconds()).isEqualTo(-18000);
    assertThat(point.meterReadings()).singleElement().satisfies(m -> {
      assertThat(m.readingType().uom()).isEqualTo(72);
      assertThat(m.readingType().intervalLength()).isEqualTo(3600);
      assertThat(m.readingCount()).isZero();
    });
    UtilityAccount account = GreenButtonStructure.accounts(feed).get(0);
    assertThat(account.intervals()).isEmpty();
    assertThat(account.intervalSeconds()).isEqualTo(3600);
    assertThat(account.unit()).isEqualTo("kWh");
  }

  @Test
  void thePowerOfTenMultiplierScalesEveryValue() {
    Map<Long, Long> raw = readingsInText("test_usage_data_01.xml");
    long sum = raw.values().stream().mapToLong(Long::longValue).sum();
    String scaled = Samples.text("greenbutton/test_usage_data_01.xml")
        .replace("<powerOfTenMultiplier>0</powerOfTenMultiplier>\n\t\t\t\t<timeAttribute>", "<powerOfTenMultiplier>-2</powerOfTenMultiplier>\n\t\t\t\t<timeAttribute>");
    assertThat(scaled).contains("<powerOfTenMultiplier>-2</powerOfTenMultiplier>");

    UtilityAccount account = GreenButtonStructure.accounts(parser.parse(scaled.getBytes(StandardCharsets.UTF_8))).get(0);

    BigDecimal total = account.intervals().stream().map(UsageInterval::usage).reduce(BigDecimal.ZERO, BigDecimal::add);
    assertThat(total).isEqualByComparingTo(BigDecimal.valueOf(sum).movePointLeft(5));
  }

  @Test
  void gasInThermsKeepsItsUnit() {
    String gas = Samples.text("greenbutton/test_usage_data_01.xml")
        .replace("<kind>0</kind>", "<kind>1</kind>")
        .replace("<uom>72</uom>", "<uom>169</uom>")
        .replace("<powerOfTenMultiplier>0</powerOfTenMultiplier>\n\t\t\t\t<timeAttribute>", "<powerOfTenMultiplier>-3</powerOfTenMultiplier>\n\t\t\t\t<timeAttribute>");
    long sum = readingsInText("test_usage_data_01.xml").values().stream().mapToLong(Long::longValue).sum();

    UtilityAccount account = GreenButtonStructure.accounts(parser.parse(gas.getBytes(StandardCharsets.UTF_8))).get(0);

    assertThat(account.kind()).isEqualTo("gas");
    assertThat(account.unit()).isEqualTo("therm");
    assertThat(account.intervals().stream().map(UsageInterval::usage).reduce(BigDecimal.ZERO, BigDecimal::add))
        .isEqualByComparingTo(BigDecimal.valueOf(sum).movePointLeft(3));
  }

  @Test
  void aTruncatedDocumentIsMalformedAndSaysWhere() {
    byte[] whole = Samples.bytes("greenbutton/test_usage_data_01.xml");
    byte[] truncated = java.util.Arrays.copyOf(whole, whole.length / 2);

    assertThatThrownBy(() -> parser.parse(truncated))
        .isInstanceOf(MalformedDocumentException.class)
        .hasMessageContaining("not well-formed")
        .hasMessageContaining("line");
  }

  @Test
  void aReadingWithoutAValueIsMalformedNamingTheElementAndLine() {
    String text = Samples.text("greenbutton/test_usage_data_01.xml").replaceFirst("<value>282</value>", "");

    assertThatThrownBy(() -> parser.parse(text.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(MalformedDocumentException.class)
        .hasMessageMatching("Green Button feed line \\d+: IntervalReading has no <value>");
  }

  @Test
  void aValueThatIsNotAnIntegerIsMalformed() {
    String text = Samples.text("greenbutton/test_usage_data_01.xml").replaceFirst("<value>282</value>", "<value>2.82</value>");

    assertThatThrownBy(() -> parser.parse(text.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(MalformedDocumentException.class)
        .hasMessageContaining("<value> '2.82' is not an integer");
  }

  @Test
  void somethingElseThanAFeedIsMalformed() {
    assertThatThrownBy(() -> parser.parse("<html><body>maintenance</body></html>".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(MalformedDocumentException.class)
        .hasMessageContaining("expected an Atom <feed>");
  }

  @Test
  void aDocumentWithAnExternalEntityIsRefusedNotResolved() {
    String xxe = "<?xml version=\"1.0\"?><!DOCTYPE feed [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
        + "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>&x;</title></feed>";

    assertThatThrownBy(() -> parser.parse(xxe.getBytes(StandardCharsets.UTF_8))).isInstanceOf(MalformedDocumentException.class);
  }
}
