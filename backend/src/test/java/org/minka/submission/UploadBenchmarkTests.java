package org.minka.submission;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The upload benchmark's arithmetic: alternation and the medians of its last line. */
class UploadBenchmarkTests {

    @Test
    void roundsWhenCountedThenApiAndDirectAlternateWhoGoesFirst() {
        assertThat(List.of(1, 2, 3, 4).stream().map(UploadBenchmark::apiFirst))
                .containsExactly(true, false, true, false);
    }

    @Test
    void lastLineWhenThreeRoundsThenMedianRatioIsTheMiddleRoundsRatio() {
        // ratios 0.50, 2.00 and 0.80: an outlier on either side does not move the median
        List<UploadBenchmark.Round> rounds =
                List.of(
                        new UploadBenchmark.Round(10.0, 5.0),
                        new UploadBenchmark.Round(5.0, 10.0),
                        new UploadBenchmark.Round(10.0, 8.0));

        String line = UploadBenchmark.lastLine(rounds, 1024, 3 * 1048576L);

        assertThat(line)
                .startsWith("upload-bench: api_mib_s=102.4 direct_mib_s=128.0 ratio=0.80")
                .contains("heap_growth_mib=3.0")
                .contains("rounds=3")
                .endsWith("median_ratio=0.80");
    }

    @Test
    void medianWhenEvenCountThenMeanOfTheMiddleTwo() {
        assertThat(UploadBenchmark.median(List.of(4.0, 1.0, 3.0, 2.0))).isEqualTo(2.5);
    }
}
