package dev.feedlink.connection.readcache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import reactor.core.publisher.Mono;

/**
 * A per-instance cache of what the database holds, kept fresh by {@link ChangeFeed}: every change
 * evicts its entry on every instance. A read that raced a change never stores what it read (the
 * generation moved meanwhile), and nothing is cached while the change feed is not listening.
 */
public final class ReadCache<K, V> {

  private final Cache<K, V> cache;
  private final AtomicLong generation = new AtomicLong();
  private final BooleanSupplier fresh;

  /**
   * @param ttl a backstop only: entries are evicted on change
   * @param fresh whether evictions are being heard (the change feed listens)
   */
  public ReadCache(long maxEntries, Duration ttl, BooleanSupplier fresh) {
    this.cache = Caffeine.newBuilder().maximumSize(maxEntries).expireAfterWrite(ttl).build();
    this.fresh = fresh;
  }

  public Mono<V> get(K key, Supplier<Mono<V>> load) {
    if (!fresh.getAsBoolean()) {
      return load.get();
    }
    V hit = cache.getIfPresent(key);
    if (hit != null) {
      return Mono.just(hit);
    }
    long before = generation.get();
    return load.get()
        .doOnNext(
            value -> {
              if (generation.get() == before && fresh.getAsBoolean()) {
                cache.put(key, value);
              }
            });
  }

  public void evict(K key) {
    generation.incrementAndGet();
    cache.invalidate(key);
  }

  public void clear() {
    generation.incrementAndGet();
    cache.invalidateAll();
  }
}
