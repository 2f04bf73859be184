package org.minka.support;

import reactor.blockhound.BlockHound;

/** Installs BlockHound once per JVM, so a blocking call on a non-blocking thread fails the test. */
public final class BlockHoundSupport {

    /** Every blocking call seen, also those whose error a caller swallowed or turned into a 500. */
    public static final java.util.List<String> VIOLATIONS =
            new java.util.concurrent.CopyOnWriteArrayList<>();

    private static boolean installed;

    private BlockHoundSupport() {}

    public static synchronized void install() {
        if (installed) {
            return;
        }
        // install(...) also loads the integrations of Reactor, Netty and Spring from the classpath.
        BlockHound.install(
                builder ->
                        builder.blockingMethodCallback(
                                        method -> {
                                            VIOLATIONS.add(
                                                    method
                                                            + " on "
                                                            + Thread.currentThread().getName()
                                                            + " via "
                                                            + java.util.Arrays.stream(
                                                                            new Throwable()
                                                                                    .getStackTrace())
                                                                    .map(
                                                                            StackTraceElement
                                                                                    ::toString)
                                                                    .filter(
                                                                            f ->
                                                                                    !f.startsWith(
                                                                                                    "reactor.blockhound")
                                                                                            && !f
                                                                                                    .startsWith(
                                                                                                            "org.minka.support"))
                                                                    .limit(16)
                                                                    .toList());
                                            throw new reactor.blockhound.BlockingOperationError(
                                                    method);
                                        })
                                // Random UUIDs read the seeded SecureRandom; the first seeding may
                                // read /dev/urandom.
                                .allowBlockingCallsInside("java.util.UUID", "randomUUID")
                                // Netty 4.2's adaptive allocator takes a short internal lock when
                                // event loops (server and test client share this JVM) grow its
                                // magazines under load, e.g. during the 100 MiB upload test.
                                .allowBlockingCallsInside(
                                        "io.netty.buffer.AdaptivePoolingAllocator$MagazineGroup",
                                        "tryExpandMagazines")
                                // Spring's SubscriberInputStream hands buffers from the event loop
                                // to the thread that reads an upload through a bounded queue; its
                                // offer() takes the queue's lock for a moment and never waits
                                // for space (demand is bounded).
                                .allowBlockingCallsInside(
                                        "org.springframework.core.io.buffer.SubscriberInputStream",
                                        "onNext")
                                // kotlin-reflect is on the test classpath only (via
                                // mock-oauth2-server), and
                                // Jackson/Spring use it when present; its lazy caches take a lock
                                // once.
                                // The production jar has no kotlin-reflect (checked in
                                // ProductionJarIT).
                                .allowBlockingCallsInside(
                                        "kotlin.reflect.jvm.internal.impl.storage.LockBasedStorageManager$LockBasedLazyValue",
                                        "invoke")
                                // The same caches, memoized per key: under concurrent first use
                                // (the race tests) a thread may wait on their lock.
                                .allowBlockingCallsInside(
                                        "kotlin.reflect.jvm.internal.impl.storage.LockBasedStorageManager$MapBasedMemoizedFunction",
                                        "invoke")
                                // The same library loads its metadata extensions once, through
                                // a ServiceLoader that reads its jar, the first time Jackson
                                // introspects a class (whichever request serializes first).
                                .allowBlockingCallsInside(
                                        "kotlin.reflect.jvm.internal.impl.km.internal.extensions.MetadataExtensions$Companion",
                                        "getINSTANCES$kotlin_metadata")
                                // Cancelling a Reactor timer (a timeout, an interval) removes its
                                // task from the JDK scheduler's queue under that queue's lock: an
                                // in-memory lock held for microseconds, not I/O. Under load
                                // (500 streams closing at once) a thread may wait on it.
                                .allowBlockingCallsInside(
                                        "java.util.concurrent.ScheduledThreadPoolExecutor$ScheduledFutureTask",
                                        "cancel")
                                // Reactor Netty's DNS resolver draws its query ids from a
                                // SecureRandom (NativePRNG refills from /dev/urandom), and its
                                // first TLS-capable client
                                // probes for HTTP/3 by loading a native library from its jar:
                                // one-time class initialisation in library code, whichever
                                // request (server or test client) comes first.
                                // (BlockHound matches methods, not constructors or static
                                // initialisers, so the allowances name the methods inside.)
                                .allowBlockingCallsInside(
                                        "io.netty.resolver.dns.DnsQueryIdSpace$DnsQueryIdRange",
                                        "pushId")
                                .allowBlockingCallsInside(
                                        "reactor.netty.http.internal.Http3", "isHttp3Available")
                                // The same client builds its TLS context on first use, and the
                                // JDK's SSLContext.init seeds a SecureRandom from /dev/urandom.
                                .allowBlockingCallsInside(
                                        "io.netty.handler.ssl.SslContextBuilder", "build")
                                // Logback appenders write to the console.
                                .allowBlockingCallsInside(
                                        "ch.qos.logback.core.OutputStreamAppender", "writeBytes"));
        installed = true;
    }
}
