package dev.feedlink.webhook.delivery;

import dev.feedlink.webhook.endpoint.domain.TargetAddresses;
import io.netty.resolver.AddressResolver;
import io.netty.resolver.AddressResolverGroup;
import io.netty.resolver.InetNameResolver;
import io.netty.util.NetUtil;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Promise;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * Resolves webhook hosts and keeps only addresses a webhook may go to ({@link TargetAddresses}).
 * It runs for every new connection, on the addresses actually connected to, so a host that passed
 * the check at registration and later resolves to an internal address (DNS rebinding) is still
 * refused. Lookups run on {@code lookups} (the JDK resolver blocks; the event loop must not).
 */
final class GuardedAddressResolverGroup extends AddressResolverGroup<InetSocketAddress> {

  private final TargetAddresses addresses;
  private final Executor lookups;

  GuardedAddressResolverGroup(TargetAddresses addresses, Executor lookups) {
    this.addresses = addresses;
    this.lookups = lookups;
  }

  @Override
  protected AddressResolver<InetSocketAddress> newResolver(EventExecutor executor) {
    return new GuardedNameResolver(executor).asAddressResolver();
  }

  private final class GuardedNameResolver extends InetNameResolver {

    GuardedNameResolver(EventExecutor executor) {
      super(executor);
    }

    @Override
    protected void doResolve(String host, Promise<InetAddress> promise) {
      Promise<List<InetAddress>> all = executor().newPromise();
      all.addListener(f -> {
        if (f.isSuccess()) {
          promise.trySuccess(all.getNow().get(0));
        } else {
          promise.tryFailure(f.cause());
        }
      });
      doResolveAll(host, all);
    }

    @Override
    protected void doResolveAll(String host, Promise<List<InetAddress>> promise) {
      byte[] literal = NetUtil.createByteArrayFromIpAddressString(host);
      if (literal != null) {
        try {
          promise.trySuccess(addresses.permitted(host, List.of(InetAddress.getByAddress(host, literal))));
        } catch (RuntimeException | UnknownHostException e) {
          promise.tryFailure(e);
        }
        return;
      }
      lookups.execute(() -> {
        try {
          promise.trySuccess(addresses.permitted(host, List.of(InetAddress.getAllByName(host))));
        } catch (RuntimeException | UnknownHostException e) {
          promise.tryFailure(e);
        }
      });
    }
  }
}
