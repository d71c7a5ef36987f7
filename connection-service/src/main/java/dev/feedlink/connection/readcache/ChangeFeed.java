package dev.feedlink.connection.readcache;

import io.r2dbc.postgresql.api.PostgresqlConnection;
import io.r2dbc.postgresql.api.PostgresqlResult;
import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ConnectionFactoryOptions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.NoTransactionException;
import org.springframework.transaction.reactive.TransactionSynchronization;
import org.springframework.transaction.reactive.TransactionSynchronizationManager;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * Tells every instance what changed, through PostgreSQL's LISTEN/NOTIFY: a change is announced in
 * the transaction that makes it (so it is heard only if that commits) and heard at once by this
 * instance after its commit. While the listening connection is down, {@link #listening} is false
 * and caches serve nothing; on every (re)connection caches start empty.
 */
public final class ChangeFeed implements SmartLifecycle {

  public static final String CHANNEL = "feedlink_connection_changes";
  private static final Logger log = LoggerFactory.getLogger(ChangeFeed.class);

  private final DatabaseClient db;
  private final ConnectionFactory listenerConnections;
  private final List<Consumer<String>> onChange = new CopyOnWriteArrayList<>();
  private final List<Runnable> onReset = new CopyOnWriteArrayList<>();
  private final AtomicBoolean listening = new AtomicBoolean();
  private volatile Disposable subscription;

  /**
   * @param r2dbcUrl, user, password a connection of its own (not from the pool) that only listens
   */
  public ChangeFeed(DatabaseClient db, String r2dbcUrl, String user, String password) {
    this.db = db;
    ConnectionFactoryOptions.Builder options = ConnectionFactoryOptions.parse(r2dbcUrl).mutate();
    if (user != null) {
      options.option(ConnectionFactoryOptions.USER, user);
    }
    if (password != null && !password.isEmpty()) {
      options.option(ConnectionFactoryOptions.PASSWORD, password);
    }
    this.listenerConnections = ConnectionFactories.get(options.build());
  }

  public void subscribe(Consumer<String> change, Runnable reset) {
    onChange.add(change);
    onReset.add(reset);
  }

  public boolean listening() {
    return listening.get();
  }

  /** Announces a change of {@code key} when the current transaction commits (at once without one). */
  public Mono<Void> announce(String key) {
    Mono<Void> notify = db.sql("SELECT pg_notify(:channel, :key)").bind("channel", CHANNEL).bind("key", key).then();
    Mono<Void> local =
        TransactionSynchronizationManager.forCurrentTransaction()
            .filter(TransactionSynchronizationManager::isSynchronizationActive)
            .doOnNext(
                tsm ->
                    tsm.registerSynchronization(
                        new TransactionSynchronization() {
                          @Override
                          public Mono<Void> afterCommit() {
                            return Mono.fromRunnable(() -> dispatch(key));
                          }
                        }))
            .switchIfEmpty(Mono.fromRunnable(() -> dispatch(key)))
            .onErrorResume(NoTransactionException.class, e -> Mono.fromRunnable(() -> dispatch(key)))
            .then();
    // Evict here at once as well: a read between now and the commit must not be cached.
    return Mono.fromRunnable(() -> dispatch(key)).then(notify).then(local);
  }

  private void dispatch(String key) {
    onChange.forEach(c -> c.accept(key));
  }

  private void reset() {
    onReset.forEach(Runnable::run);
  }

  private Flux<String> listen() {
    return Flux.usingWhen(
        Mono.from(listenerConnections.create()).cast(PostgresqlConnection.class),
        connection ->
            connection
                .createStatement("LISTEN " + CHANNEL)
                .execute()
                .flatMap(PostgresqlResult::getRowsUpdated)
                .then(Mono.fromRunnable(() -> {
                  reset();
                  listening.set(true);
                  log.info("listening for changes on {}", CHANNEL);
                }))
                .thenMany(connection.getNotifications())
                .map(n -> n.getParameter() == null ? "" : n.getParameter()),
        connection -> Mono.from(connection.close()));
  }

  @Override
  public void start() {
    subscription =
        listen()
            .doOnNext(this::dispatch)
            .doOnError(e -> {
              listening.set(false);
              reset();
              log.warn("change feed lost ({}); caches off until it is back", e.toString());
            })
            .doOnComplete(() -> {
              listening.set(false);
              reset();
            })
            .repeat()
            .retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofMillis(200)).maxBackoff(Duration.ofSeconds(5)))
            .subscribe();
  }

  @Override
  public void stop() {
    listening.set(false);
    Disposable s = subscription;
    if (s != null) {
      s.dispose();
    }
  }

  @Override
  public boolean isRunning() {
    Disposable s = subscription;
    return s != null && !s.isDisposed();
  }

  @Override
  public int getPhase() {
    // Before the web server takes requests.
    return Integer.MIN_VALUE + 100;
  }
}
