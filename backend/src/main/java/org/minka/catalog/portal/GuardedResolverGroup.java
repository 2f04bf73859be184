package org.minka.catalog.portal;

import io.netty.resolver.AbstractAddressResolver;
import io.netty.resolver.AddressResolver;
import io.netty.resolver.AddressResolverGroup;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * Resolves host names with the client's usual non-blocking resolver, then lets through only the
 * addresses the {@link AddressGuard} permits. The connection goes to an address checked here (the
 * name is resolved once per connection), so a DNS answer that changes between the check and the
 * connect cannot move it. Address literals and every redirect pass through here too.
 */
final class GuardedResolverGroup extends AddressResolverGroup<InetSocketAddress> {

    private final AddressResolverGroup<InetSocketAddress> delegate;
    private final AddressGuard guard;

    GuardedResolverGroup(AddressResolverGroup<InetSocketAddress> delegate, AddressGuard guard) {
        this.delegate = delegate;
        this.guard = guard;
    }

    @Override
    protected AddressResolver<InetSocketAddress> newResolver(EventExecutor executor) {
        return new Guarded(executor, delegate.getResolver(executor), guard);
    }

    /** Refused: the host resolves to an address the guard does not permit. */
    static final class RefusedAddress extends RuntimeException {
        final String host;

        RefusedAddress(String host) {
            super("refused address for " + host, null, false, false);
            this.host = host;
        }
    }

    private static final class Guarded extends AbstractAddressResolver<InetSocketAddress> {

        private final AddressResolver<InetSocketAddress> inner;
        private final AddressGuard guard;

        Guarded(
                EventExecutor executor,
                AddressResolver<InetSocketAddress> inner,
                AddressGuard guard) {
            super(executor, InetSocketAddress.class);
            this.inner = inner;
            this.guard = guard;
        }

        @Override
        protected boolean doIsResolved(InetSocketAddress address) {
            // literals too go through doResolve, so that the guard sees them
            return false;
        }

        @Override
        protected void doResolve(InetSocketAddress address, Promise<InetSocketAddress> promise) {
            if (!address.isUnresolved()) {
                check(address, promise);
                return;
            }
            inner.resolve(address).addListener(f -> resolved(address, f, promise));
        }

        private void resolved(
                InetSocketAddress asked, Future<?> f, Promise<InetSocketAddress> promise) {
            if (!f.isSuccess()) {
                promise.tryFailure(f.cause());
                return;
            }
            check((InetSocketAddress) f.getNow(), promise);
        }

        private void check(InetSocketAddress address, Promise<InetSocketAddress> promise) {
            if (guard.permits(address.getAddress())) {
                promise.trySuccess(address);
            } else {
                promise.tryFailure(new RefusedAddress(address.getHostString()));
            }
        }

        @Override
        protected void doResolveAll(
                InetSocketAddress address, Promise<List<InetSocketAddress>> promise) {
            if (!address.isUnresolved()) {
                allChecked(address, List.of(address), promise);
                return;
            }
            inner.resolveAll(address).addListener(f -> allResolved(address, f, promise));
        }

        @SuppressWarnings("unchecked")
        private void allResolved(
                InetSocketAddress asked, Future<?> f, Promise<List<InetSocketAddress>> promise) {
            if (!f.isSuccess()) {
                promise.tryFailure(f.cause());
                return;
            }
            allChecked(asked, (List<InetSocketAddress>) f.getNow(), promise);
        }

        /** Keeps the permitted addresses; fails when none is left. */
        private void allChecked(
                InetSocketAddress asked,
                List<InetSocketAddress> found,
                Promise<List<InetSocketAddress>> promise) {
            List<InetSocketAddress> permitted =
                    found.stream().filter(a -> guard.permits(a.getAddress())).toList();
            if (permitted.isEmpty() || permitted.size() < found.size()) {
                promise.tryFailure(new RefusedAddress(asked.getHostString()));
            } else {
                promise.trySuccess(permitted);
            }
        }

        @Override
        public void close() {
            // the inner resolver belongs to the delegate group, which closes it
        }
    }
}
