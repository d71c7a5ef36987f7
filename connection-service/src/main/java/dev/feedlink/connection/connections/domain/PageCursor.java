package dev.feedlink.connection.connections.domain;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

/**
 * Where a page of connections ends: the last one's creation time and id (ties broken by id), as
 * an opaque string clients pass back.
 */
public record PageCursor(Instant createdAt, UUID connectionId) {

  public String encode() {
    String raw = createdAt.getEpochSecond() + "." + createdAt.getNano() + "." + connectionId;
    return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
  }

  public static Optional<PageCursor> decode(String cursor) {
    try {
      String[] parts =
          new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\.", 3);
      if (parts.length != 3) {
        return Optional.empty();
      }
      Instant at = Instant.ofEpochSecond(Long.parseLong(parts[0]), Long.parseLong(parts[1]));
      return Optional.of(new PageCursor(at, UUID.fromString(parts[2])));
    } catch (IllegalArgumentException | java.time.DateTimeException e) {
      return Optional.empty();
    }
  }
}
