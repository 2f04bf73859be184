package org.minka.support;

import reactor.blockhound.BlockHound;

/** Installs BlockHound once per JVM, so a blocking call on a non-blocking thread fails the test. */
public final class BlockHoundSupport {

    private static boolean installed;

    private BlockHoundSupport() {}

    public static synchronized void install() {
        if (installed) {
            return;
        }
        BlockHound.builder()
                // Random UUIDs read the seeded SecureRandom; the first seeding may read
                // /dev/urandom.
                .allowBlockingCallsInside("java.util.UUID", "randomUUID")
                // Logback appenders write to the console.
                .allowBlockingCallsInside("ch.qos.logback.core.OutputStreamAppender", "writeBytes")
                .install();
        installed = true;
    }
}
