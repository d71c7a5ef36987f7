package dev.feedlink.pipeline.data;

import dev.feedlink.platform.web.ApiProblem;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/**
 * Where the next page starts: the time (and, where times repeat, the id) of the last record served,
 * opaque to clients.
 */
record Cursor(Instant time, String id) {

  String encode() {
    String raw = time.getEpochSecond() + ":" + time.getNano() + (id == null ? "" : ":" + id);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
  }

  static Cursor decode(String cursor) {
    if (cursor == null || cursor.isBlank()) {
      return null;
    }
    try {
      String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
      String[] parts = raw.split(":", 3);
      Instant time = Instant.ofEpochSecond(Long.parseLong(parts[0]), Long.parseLong(parts[1]));
      return new Cursor(time, parts.length > 2 ? parts[2] : null);
    } catch (RuntimeException e) {
      throw ApiProblem.invalidField("cursor", "'" + cursor + "' is not a cursor this API issued; pass next_cursor from the previous page");
    }
  }
}
