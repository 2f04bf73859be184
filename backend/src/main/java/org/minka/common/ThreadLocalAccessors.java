package org.minka.common;

import io.micrometer.context.ContextRegistry;
import io.micrometer.context.ThreadLocalAccessor;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import java.util.ArrayList;
import java.util.List;

/**
 * Takes out of Micrometer's context registry the accessors that copy Reactor context entries into
 * ThreadLocals: the current observation's, and Spring Security's (security context, exchange).
 *
 * <p>Without automatic context propagation (Minka's choice, see {@code application.yml}), Reactor
 * still restores every registered ThreadLocal around each element of its {@code handle} and {@code
 * tap} operators whenever the subscriber's context holds their keys. R2DBC decodes each message and
 * row with {@code handle}, so every database answer set and reset four ThreadLocals, and opened and
 * closed an observation scope: 2.4 % of the app's CPU in {@code make bench-vote}, for values
 * nothing reads. Minka reads the security context and the exchange from the Reactor context ({@code
 * ReactiveSecurityContextHolder}), writes the request id into log lines itself ({@link
 * RequestLog}), and has no tracing that would look for the current observation in a ThreadLocal.
 * Other accessors, a library's or a deployment's, stay.
 */
final class ThreadLocalAccessors {

    private final List<Object> removed;

    private ThreadLocalAccessors(List<Object> removed) {
        this.removed = List.copyOf(removed);
    }

    /** The keys of the accessors taken out. */
    List<Object> removed() {
        return removed;
    }

    /** Removes the accessors this class names from the registry. */
    static ThreadLocalAccessors removeUnread(ContextRegistry registry) {
        List<Object> removed = new ArrayList<>();
        for (ThreadLocalAccessor<?> accessor : List.copyOf(registry.getThreadLocalAccessors())) {
            if (unread(accessor) && registry.removeThreadLocalAccessor(accessor.key())) {
                removed.add(accessor.key());
            }
        }
        return new ThreadLocalAccessors(removed);
    }

    /** The observation's, and Spring Security's (security context holders, exchange). */
    static boolean unread(ThreadLocalAccessor<?> accessor) {
        return accessor instanceof ObservationThreadLocalAccessor
                || accessor.getClass().getName().startsWith("org.springframework.security.");
    }
}
