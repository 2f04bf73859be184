package org.minka;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MinkaApplicationTests {

    @Test
    void eventLoopsWhenNotConfiguredThenOnePerProcessor() {
        assertThat(MinkaApplication.eventLoops(null, 2)).isEqualTo("2");
        assertThat(MinkaApplication.eventLoops(" ", 6)).isEqualTo("6");
    }

    @Test
    void eventLoopsWhenConfiguredThenKept() {
        assertThat(MinkaApplication.eventLoops("4", 2)).isEqualTo("4");
    }

    @Test
    void eventLoopsWhenNoProcessorIsReportedThenOne() {
        assertThat(MinkaApplication.eventLoops(null, 0)).isEqualTo("1");
    }
}
