package org.minka.submission;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FileTypesTests {

    @Test
    void sanitiseWhenPathsControlAndReservedCharactersThenOneSafeSegment() {
        assertThat(FileTypes.sanitise("../../etc/passwd.csv")).isEqualTo("passwd.csv");
        assertThat(FileTypes.sanitise("C:\\Users\\x\\datos.csv")).isEqualTo("datos.csv");
        assertThat(FileTypes.sanitise("a\"b;c\r\nd.csv")).isEqualTo("a_b_c__d.csv");
        assertThat(FileTypes.sanitise("...hidden.csv")).isEqualTo("hidden.csv");
        assertThat(FileTypes.sanitise("re\u202Egnp.csv")).isEqualTo("re_gnp.csv");
        assertThat(FileTypes.sanitise("x".repeat(300) + ".ipynb")).hasSize(120).endsWith(".ipynb");
        assertThat(FileTypes.sanitise("Año 2026 ñandú.csv")).isEqualTo("Año 2026 ñandú.csv");
    }

    @Test
    void contentDispositionWhenNonAsciiThenEncodedAndSingleLine() {
        String header = FileTypes.contentDisposition("Año \"x\".csv");
        assertThat(header)
                .startsWith("attachment;")
                .contains("filename*=UTF-8''")
                .doesNotContain("\r", "\n");
    }

    @Test
    void headMatchesWhenMagicNumbersAgreeWithExtensionOnly() {
        assertThat(FileTypes.headMatches("png", Uploads.PNG)).isTrue();
        assertThat(FileTypes.headMatches("jpg", Uploads.PNG)).isFalse();
        assertThat(FileTypes.headMatches("pdf", Uploads.PDF)).isTrue();
        assertThat(FileTypes.headMatches("csv", Uploads.PDF)).isTrue();
        assertThat(FileTypes.headMatches("csv", Uploads.PNG)).isFalse();
        assertThat(FileTypes.headMatches("json", "[1]".getBytes(StandardCharsets.UTF_8))).isTrue();
        assertThat(FileTypes.headMatches("csv", "{\"a\":1}".getBytes(StandardCharsets.UTF_8)))
                .isFalse();
        byte[] zip = {'P', 'K', 3, 4, 20, 0};
        assertThat(FileTypes.headMatches("zip", zip)).isTrue();
        assertThat(FileTypes.headMatches("xlsx", zip)).isFalse();
        byte[] xlsx = "PK\u0003\u0004....[Content_Types].xml".getBytes(StandardCharsets.ISO_8859_1);
        assertThat(FileTypes.headMatches("xlsx", xlsx)).isTrue();
        assertThat(FileTypes.headMatches("parquet", "PAR1xxxx".getBytes(StandardCharsets.US_ASCII)))
                .isTrue();
        assertThat(FileTypes.tailMatches("parquet", "PAR1".getBytes(StandardCharsets.US_ASCII)))
                .isTrue();
        assertThat(FileTypes.tailMatches("parquet", "PAR2".getBytes(StandardCharsets.US_ASCII)))
                .isFalse();
        byte[] cutUtf8 = {'a', ',', (byte) 0xC3};
        assertThat(FileTypes.isText(cutUtf8)).isTrue();
        assertThat(FileTypes.isText(new byte[] {(byte) 0xFF, (byte) 0xFE, 'a'})).isFalse();
    }
}
