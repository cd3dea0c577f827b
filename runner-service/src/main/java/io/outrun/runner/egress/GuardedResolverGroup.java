package io.outrun.runner.egress;

import io.netty.resolver.AddressResolver;
import io.netty.resolver.AddressResolverGroup;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Resolves the host of every connection itself and checks every resolved address against the policy
 * before Netty connects; Netty then connects to exactly these (checked) addresses, so no second
 * lookup can return something else (no DNS rebinding). Addresses that are already resolved (IP
 * literals) are checked too: {@link #isResolved} is always false so Netty never skips this
 * resolver.
 *
 * <p>A host made only of numbers is read as {@code inet_aton} reads it ({@link Ipv4Spelling}:
 * {@code 127.1}, {@code 2130706433}, {@code 0x7f000001}, {@code 0177.0.0.1}), so it is judged as
 * the address every other client takes it for. Other lookups run {@link InetAddress#getAllByName}
 * on {@link Schedulers#boundedElastic()}, never on an event loop.
 */
final class GuardedResolverGroup extends AddressResolverGroup<InetSocketAddress> {

  private final Function<InetAddress, Optional<String>> policy;

  GuardedResolverGroup(Function<InetAddress, Optional<String>> policy) {
    this.policy = policy;
  }

  @Override
  protected AddressResolver<InetSocketAddress> newResolver(EventExecutor executor) {
    return new Resolver(executor);
  }

  private final class Resolver implements AddressResolver<InetSocketAddress> {

    private final EventExecutor executor;

    Resolver(EventExecutor executor) {
      this.executor = executor;
    }

    @Override
    public boolean isSupported(SocketAddress address) {
      return address instanceof InetSocketAddress;
    }

    @Override
    public boolean isResolved(SocketAddress address) {
      return false;
    }

    @Override
    public Future<InetSocketAddress> resolve(SocketAddress address) {
      return resolve(address, executor.newPromise());
    }

    @Override
    public Future<InetSocketAddress> resolve(
        SocketAddress address, Promise<InetSocketAddress> promise) {
      resolveAll(address)
          .addListener(
              done -> {
                if (done.isSuccess()) {
                  @SuppressWarnings("unchecked")
                  List<InetSocketAddress> all = (List<InetSocketAddress>) done.getNow();
                  promise.trySuccess(all.getFirst());
                } else {
                  promise.tryFailure(done.cause());
                }
              });
      return promise;
    }

    @Override
    public Future<List<InetSocketAddress>> resolveAll(SocketAddress address) {
      return resolveAll(address, executor.newPromise());
    }

    @Override
    public Future<List<InetSocketAddress>> resolveAll(
        SocketAddress address, Promise<List<InetSocketAddress>> promise) {
      if (!(address instanceof InetSocketAddress inet)) {
        promise.tryFailure(
            new EgressException(EgressException.Kind.REFUSED, "unsupported address " + address));
        return promise;
      }
      int port = inet.getPort();
      if (!inet.isUnresolved()) {
        complete(promise, new InetAddress[] {inet.getAddress()}, port, inet.getHostString());
        return promise;
      }
      String host = stripBrackets(inet.getHostString());
      switch (Ipv4Spelling.read(host)) {
        case Ipv4Spelling.Reading.Address(InetAddress literal) -> {
          complete(promise, new InetAddress[] {literal}, port, host);
          return promise;
        }
        case Ipv4Spelling.Reading.Invalid(String reason) -> {
          promise.tryFailure(new EgressException(EgressException.Kind.REFUSED, reason));
          return promise;
        }
        case Ipv4Spelling.Reading.Name name -> {}
      }
      Mono.fromCallable(() -> InetAddress.getAllByName(host))
          .subscribeOn(Schedulers.boundedElastic())
          .subscribe(
              addresses -> complete(promise, addresses, port, host),
              error ->
                  promise.tryFailure(
                      new EgressException(
                          EgressException.Kind.NETWORK, "cannot resolve " + host, error)));
      return promise;
    }

    private void complete(
        Promise<List<InetSocketAddress>> promise, InetAddress[] addresses, int port, String host) {
      List<InetSocketAddress> checked = new ArrayList<>(addresses.length);
      for (InetAddress address : addresses) {
        Optional<String> refusal = policy.apply(address);
        if (refusal.isPresent()) {
          // one refused answer refuses the host: a mixed answer is a rebinding attempt
          promise.tryFailure(
              new EgressException(
                  EgressException.Kind.REFUSED, "host " + host + ": " + refusal.get()));
          return;
        }
        checked.add(new InetSocketAddress(address, port));
      }
      if (checked.isEmpty()) {
        promise.tryFailure(
            new EgressException(EgressException.Kind.NETWORK, "no address for " + host));
        return;
      }
      promise.trySuccess(checked);
    }

    @Override
    public void close() {}
  }

  /** The host to look up: without IPv6 brackets, and without a trailing root dot. */
  static String stripBrackets(String host) {
    if (host.length() > 1 && host.startsWith("[") && host.endsWith("]")) {
      return host.substring(1, host.length() - 1);
    }
    if (host.length() > 1 && host.endsWith(".")) {
      return host.substring(0, host.length() - 1);
    }
    return host;
  }
}
