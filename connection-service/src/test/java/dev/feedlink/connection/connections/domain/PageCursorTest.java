package dev.feedlink.connection.connections.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class PageCursorTest {

  @Test
  void aCursorReadsBackAsTheSamePosition() {
    PageCursor cursor = new PageCursor(Instant.parse("2026-03-01T10:00:00.123456Z"), UUID.randomUUID());
    assertThat(PageCursor.decode(cursor.encode())).contains(cursor);
  }

  @Test
  void aCursorThisApiDidNotIssueIsRefused() {
    assertThat(PageCursor.decode("not-a-cursor")).isEmpty();
    assertThat(PageCursor.decode("")).isEmpty();
    assertThat(PageCursor.decode("%%%")).isEmpty();
  }
}
