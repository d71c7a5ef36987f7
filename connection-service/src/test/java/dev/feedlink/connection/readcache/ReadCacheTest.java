package dev.feedlink.connection.readcache;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

class ReadCacheTest {

  private final AtomicBoolean listening = new AtomicBoolean(true);
  private final ReadCache<String, String> cache = new ReadCache<>(100, Duration.ofMinutes(1), listening::get);
  private final AtomicInteger loads = new AtomicInteger();

  private Mono<String> load(String value) {
    return Mono.fromCallable(() -> {
      loads.incrementAndGet();
      return value;
    });
  }

  @Test
  void aSecondReadIsServedWithoutLoading() {
    assertThat(cache.get("k", () -> load("v1")).block()).isEqualTo("v1");
    assertThat(cache.get("k", () -> load("v2")).block()).isEqualTo("v1");
    assertThat(loads).hasValue(1);
  }

  @Test
  void aChangeEvictsTheEntry() {
    cache.get("k", () -> load("v1")).block();
    cache.evict("k");
    assertThat(cache.get("k", () -> load("v2")).block()).isEqualTo("v2");
  }

  @Test
  void aReadThatRacedAChangeIsNotKept() {
    Sinks.One<String> slowRead = Sinks.one();
    Mono<String> read = cache.get("k", slowRead::asMono);
    read.subscribe();
    cache.evict("k");
    slowRead.tryEmitValue("old");
    assertThat(cache.get("k", () -> load("new")).block()).isEqualTo("new");
  }

  @Test
  void nothingIsCachedWhileChangesAreNotHeard() {
    listening.set(false);
    cache.get("k", () -> load("v1")).block();
    assertThat(cache.get("k", () -> load("v2")).block()).isEqualTo("v2");
    listening.set(true);
    assertThat(cache.get("k", () -> load("v3")).block()).isEqualTo("v3");
  }
}
