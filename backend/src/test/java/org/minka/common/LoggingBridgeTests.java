package org.minka.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.junit.jupiter.api.Test;

/**
 * Spring and Spring Security log through the Commons Logging API, often with a message object that
 * renders lazily. The bridge must check the level before rendering it: Commons Logging 1.3's SLF4J
 * adapter did not, and rendered every debug message of every request (see the root pom.xml).
 */
class LoggingBridgeTests {

    @Test
    void debugWhenLevelIsInfoThenMessageNotRendered() {
        Log log = LogFactory.getLog("org.springframework.security.web.server.util.matcher.Test");
        AtomicInteger rendered = new AtomicInteger();
        Object message =
                new Object() {
                    @Override
                    public String toString() {
                        rendered.incrementAndGet();
                        return "rendered";
                    }
                };

        log.debug(message);
        log.trace(message);

        assertThat(log.isDebugEnabled()).isFalse();
        assertThat(rendered).hasValue(0);
        log.info(message);
        assertThat(rendered).hasValue(1);
    }

    @Test
    void bridgeWhenLoadedThenJclOverSlf4j() {
        assertThat(LogFactory.getFactory().getClass().getName())
                .isEqualTo("org.apache.commons.logging.impl.SLF4JLogFactory");
    }
}
