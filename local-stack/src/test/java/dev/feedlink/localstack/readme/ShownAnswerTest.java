package dev.feedlink.localstack.readme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The README checker itself: what an answer shown under a command accepts, and what it refuses. */
class ShownAnswerTest {

  private final AnswerMatcher matcher = new AnswerMatcher();

  private Optional<String> check(String shown, Integer status, String printed) {
    return ShownAnswer.parse(shown).mismatch(status, printed, matcher);
  }

  @Test
  void theSameAnswerMatches() {
    assertThat(check("202 {\"status\":\"sent\",\"count\":2,\"ok\":true,\"none\":null,\"list\":[1,2]}", 202,
        "{\"count\":2,\"status\":\"sent\",\"list\":[1,2],\"none\":null,\"ok\":true}\n")).isEmpty();
  }

  @Test
  void aRenamedFieldFails() {
    assertThat(check("{\"connection_status\":\"Connected\"}", 200, "{\"connectionStatus\":\"Connected\"}"))
        .hasValueSatisfying(why -> assertThat(why).contains("no member \"connection_status\""));
  }

  @Test
  void aChangedValueFails() {
    assertThat(check("{\"a\":{\"status\":\"ACTIVE\"}}", 200, "{\"a\":{\"status\":\"EXPIRED\"}}"))
        .hasValueSatisfying(why -> assertThat(why).contains("$.a.status").contains("ACTIVE").contains("EXPIRED"));
    assertThat(check("{\"n\":96}", 200, "{\"n\":92}")).isPresent();
    assertThat(check("{\"n\":96}", 200, "{\"n\":\"96\"}")).isPresent();
    assertThat(check("{\"b\":true}", 200, "{\"b\":false}")).isPresent();
  }

  @Test
  void aMissingStatusFails() {
    assertThat(check("{\"replayed\":1}", 202, "{\"replayed\":1}"))
        .hasValueSatisfying(why -> assertThat(why).contains("status 202").contains("200"));
    assertThat(check("201 {\"id\":\"x\"}", 200, "{\"id\":\"x\"}")).isPresent();
    assertThat(check("204", 204, "")).isEmpty();
    assertThat(check("404 {…}", null, "{}"))
        .hasValueSatisfying(why -> assertThat(why).contains("no HTTP request"));
  }

  @Test
  void numbersCompareByValue() {
    assertThat(check("{\"usage\":0.80}", 200, "{\"usage\":0.8}")).isEmpty();
    assertThat(check("{\"usage\":0.458}", 200, "{\"usage\":0.4580}")).isEmpty();
  }

  @Test
  void anObjectWithoutEllipsisHasExactlyTheMembersShown() {
    assertThat(check("{\"a\":1}", 200, "{\"a\":1,\"b\":2}"))
        .hasValueSatisfying(why -> assertThat(why).contains("[b]"));
    assertThat(check("{\"a\":1,…}", 200, "{\"a\":1,\"b\":2}")).isEmpty();
    assertThat(check("{…,\"b\":2,…}", 200, "{\"a\":1,\"b\":2,\"c\":3}")).isEmpty();
    assertThat(check("{…,\"b\":3,…}", 200, "{\"a\":1,\"b\":2,\"c\":3}")).isPresent();
  }

  @Test
  void anEllipsisInAnArrayStandsForAnyNumberOfElements() {
    assertThat(check("[1,2]", 200, "[1,2,3]")).hasValueSatisfying(why -> assertThat(why).contains("expected 2 element(s), was 3"));
    assertThat(check("[1,…]", 200, "[1,2,3]")).isEmpty();
    assertThat(check("[1,…]", 200, "[1]")).isEmpty();
    assertThat(check("[…,3]", 200, "[1,2,3]")).isEmpty();
    assertThat(check("[…,2,…]", 200, "[1,2,3]")).isEmpty();
    assertThat(check("[…,4,…]", 200, "[1,2,3]")).isPresent();
    assertThat(check("[1,…,2]", 200, "[1,3,2]")).isEmpty();
    assertThat(check("[1,…,2]", 200, "[1,3,4]")).isPresent();
    assertThat(check("[{\"k\":\"b\",…},…]", 200, "[{\"k\":\"a\"},{\"k\":\"b\"}]")).isPresent();
    assertThat(check("[…,{\"k\":\"b\",…},…]", 200, "[{\"k\":\"a\"},{\"k\":\"b\",\"v\":1}]")).isEmpty();
  }

  @Test
  void aBareEllipsisIsAnyValueAndInAStringAnyText() {
    assertThat(check("{\"at\":…,\"list\":…}", 200, "{\"at\":null,\"list\":[1,{\"x\":2}]}")).isEmpty();
    assertThat(check("{\"at\":\"…\"}", 200, "{\"at\":3}")).hasValueSatisfying(why -> assertThat(why).contains("string"));
    assertThat(check("{\"token\":\"fl_…\"}", 200, "{\"token\":\"fl_QwQx7T3\"}")).isEmpty();
    assertThat(check("{\"token\":\"fl_…\"}", 200, "{\"token\":\"ct_QwQx7T3\"}")).isPresent();
    assertThat(check("{\"t\":\"…T05:00:00Z\"}", 200, "{\"t\":\"2026-11-24T05:00:00Z\"}")).isEmpty();
    assertThat(check("{\"t\":\"…T05:00:00Z\"}", 200, "{\"t\":\"2026-11-24T05:15:00Z\"}")).isPresent();
  }

  @Test
  void aHexPlaceholderIsTheSameValueEverywhere() {
    assertThat(check("{\"connection_id\":\"c0ffee…\"}", 201, "{\"connection_id\":\"a82db443\"}")).isPresent();
    assertThat(check("201 {\"connection_id\":\"c0ffee…\"}", 201, "{\"connection_id\":\"a82db443\"}")).isEmpty();
    assertThat(check("{\"id\":\"c0ffee…\",\"other\":\"9b1d…\"}", 200, "{\"id\":\"a82db443\",\"other\":\"0001\"}")).isEmpty();
    assertThat(check("{\"id\":\"c0ffee…\"}", 200, "{\"id\":\"b0000000\"}"))
        .hasValueSatisfying(why -> assertThat(why).contains("c0ffee… = \"a82db443\""));
    assertThat(check("{\"account_id\":\"4e2a…\"}", 200, "{\"account_id\":\"a82db443\"}"))
        .hasValueSatisfying(why -> assertThat(why).contains("already c0ffee…"));
  }

  @Test
  void aFailedAnswerBindsNoPlaceholder() {
    assertThat(check("{\"id\":\"c0ffee…\",\"status\":\"ACTIVE\"}", 200, "{\"id\":\"a1\",\"status\":\"EXPIRED\"}")).isPresent();
    assertThat(check("{\"id\":\"c0ffee…\"}", 200, "{\"id\":\"b2\"}")).isEmpty();
  }

  @Test
  void severalPrintedDocumentsAreComparedInOrder() {
    assertThat(check("{\"n\":1}\n{\"n\":2}", 200, "{\"n\":1}\n{\"n\":2}\n")).isEmpty();
    assertThat(check("{\"n\":1}\n{\"n\":2}", 200, "{\"n\":2}\n{\"n\":1}\n")).isPresent();
    assertThat(check("{\"n\":1}\n…", 200, "{\"n\":1}\n{\"n\":2}\n")).isEmpty();
  }

  @Test
  void textThatIsNotJsonIsComparedAsText() {
    assertThat(check("Connected / DataFound", null, "Connected / DataFound\n")).isEmpty();
    assertThat(check("Connected / DataFound", null, "Connected / NoDataFound\n")).isPresent();
    assertThat(check("sent at … to …", null, "sent at 12:00 to me\n")).isEmpty();
    assertThat(check("6 Authorization\n9 Authorized", null, "6 Authorization  \r\n9 Authorized\n")).isEmpty();
    assertThat(check("6 Authorization\n9 Authorized", null, "6 Authorization\n9 Authorized\n2 Loading\n")).isPresent();
  }

  @Test
  void aJsonAnswerThatIsNotJsonFails() {
    assertThat(check("{\"a\":1}", 200, "<html>oops</html>"))
        .hasValueSatisfying(why -> assertThat(why).contains("not JSON"));
    assertThat(check("{\"a\":1}", 200, "")).hasValueSatisfying(why -> assertThat(why).contains("printed nothing"));
  }

  @Test
  void aMalformedPatternIsReadAsText() {
    assertThat(ShownAnswer.parse("{\"a\":1").json()).isEmpty();
    assertThatThrownBy(() -> AnswerPattern.parseAll("{\"a\":1,\"a\":2}")).hasMessageContaining("no second member named a");
  }
}
