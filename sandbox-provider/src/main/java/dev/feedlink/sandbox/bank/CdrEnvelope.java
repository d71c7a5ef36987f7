package dev.feedlink.sandbox.bank;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The Consumer Data Right response envelope: {@code data}, {@code links} and {@code meta}; for a
 * paginated list, links to the first, previous, next and last pages and the totals.
 */
record CdrEnvelope(Object data, Links links, Meta meta) {

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Links(String self, String first, String prev, String next, String last) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Meta(Integer totalRecords, Integer totalPages) {}

  /** A single resource: {@code links.self} and an empty {@code meta}. */
  static CdrEnvelope single(Object data, URI self) {
    return new CdrEnvelope(data, new Links(self.toString(), null, null, null, null), new Meta(null, null));
  }

  /** One page of {@code all}, under {@code data.<name>}. */
  static CdrEnvelope page(String name, List<?> all, Paging paging, URI self) {
    int total = all.size();
    int pages = paging.lastPage(total);
    int from = Math.min(total, (paging.page() - 1) * paging.size());
    List<?> slice = all.subList(from, Math.min(total, from + paging.size()));
    Links links =
        new Links(
            self.toString(),
            pages > 0 ? pageLink(self, 1) : null,
            paging.page() > 1 && paging.page() <= pages ? pageLink(self, paging.page() - 1) : null,
            paging.page() < pages ? pageLink(self, paging.page() + 1) : null,
            pages > 0 ? pageLink(self, pages) : null);
    return new CdrEnvelope(Map.of(name, slice), links, new Meta(total, pages));
  }

  private static String pageLink(URI self, int page) {
    return UriComponentsBuilder.fromUri(self).replaceQueryParam("page", page).build(true).toUriString();
  }

  /** A validated {@code page} (from 1) and {@code page-size} (1..1000). */
  record Paging(int page, int size) {

    static final int DEFAULT_SIZE = 25;
    static final int MAX_SIZE = 1000;

    /** The last page a list of {@code total} records has (0 when empty). */
    int lastPage(int total) {
      return (total + size - 1) / size;
    }
  }
}
