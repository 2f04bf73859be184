package org.minka.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class HttpCachingTests {

    @Test
    void expectedVersionReadsOurStrongTagsAndAnyForStar() {
        assertThat(HttpCaching.expectedVersion("\"7-VOTING\"")).isEqualTo(7L);
        assertThat(HttpCaching.expectedVersion("W/\"3\", \"12\"")).isEqualTo(12L);
        assertThat(HttpCaching.expectedVersion(null)).isNull();
        assertThat(HttpCaching.expectedVersion("*")).isNull();
        assertThat(HttpCaching.expectedVersion(" * ")).isNull();
    }

    @Test
    void expectedVersionWhenOnlyWeakTagsThenStale() {
        assertThatThrownBy(() -> HttpCaching.expectedVersion("W/\"12\""))
                .isInstanceOf(MinkaException.class)
                .extracting(e -> ((MinkaException) e).type())
                .isEqualTo(ProblemType.STALE_VERSION);
    }

    @Test
    void expectedVersionWhenForeignTagThenStale() {
        assertThatThrownBy(() -> HttpCaching.expectedVersion("\"abc\""))
                .isInstanceOf(MinkaException.class)
                .extracting(e -> ((MinkaException) e).type())
                .isEqualTo(ProblemType.STALE_VERSION);
    }

    @Test
    void cursorRoundTripsAndRejectsForgeries() {
        Cursor cursor = new Cursor(Instant.parse("2026-11-26T14:00:00.123456Z"), UUID.randomUUID());
        assertThat(Cursor.decode(cursor.encode())).isEqualTo(cursor);
        assertThatThrownBy(() -> Cursor.decode("bm90LWEtY3Vyc29y"))
                .isInstanceOf(MinkaException.class);
    }

    @Test
    void pageRequestBounds() {
        assertThat(PageRequest.of(null, null).limit()).isEqualTo(20);
        assertThat(PageRequest.of("", 100).fetchSize()).isEqualTo(101);
        assertThatThrownBy(() -> PageRequest.of(null, 0)).isInstanceOf(MinkaException.class);
        assertThatThrownBy(() -> PageRequest.of(null, 101)).isInstanceOf(MinkaException.class);
    }
}
