package org.minka.submission;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import tools.jackson.databind.json.JsonMapper;

/** The shared nbformat test notebooks, and the hostile and heavy ones these tests write. */
final class Notebooks {

    static final Path DIR = Path.of("src/test/resources/notebooks");

    /** Every shared notebook with whether nbformat calls it valid (see SOURCES.md). */
    static final Map<String, Boolean> SHARED =
            Map.of(
                    "test4.5.ipynb", true,
                    "test4.ipynb", true,
                    "many_tracebacks.ipynb", true,
                    "invalid.ipynb", false,
                    "invalid_cell_id.ipynb", false,
                    "invalid_unique_cell_id.ipynb", false,
                    "v4_5_invalid_metadata.ipynb", false,
                    "v4_5_no_cell_id.ipynb", false);

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Notebooks() {}

    static List<String> files() {
        try (var stream = Files.list(DIR)) {
            return stream.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".ipynb"))
                    .sorted()
                    .toList();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    static byte[] read(String name) {
        try {
            return Files.readAllBytes(DIR.resolve(name));
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    static final String PAYLOAD =
            "<script>alert('x')</script><img src=x onerror=\"alert(1)\">"
                    + "<iframe src=\"https://evil.example/\"></iframe>"
                    + "<a href=\"javascript:alert(1)\" onclick=\"alert(2)\">clic</a>"
                    + "<svg onload=\"alert(3)\"><circle r=\"1\"/></svg>"
                    + "<img src=\"https://evil.example/track.png\">"
                    + "<object data=\"https://evil.example/x.swf\"></object>"
                    + "<style>body{background:url(https://evil.example/bg)}</style>"
                    + "<form action=\"https://evil.example/\"><input name=q></form>"
                    + "<p style=\"background:url(https://evil.example/p)\">texto</p>";

    /** A valid 4.5 notebook whose markdown and outputs carry script, frames and handlers. */
    static byte[] hostile() {
        Map<String, Object> markdown =
                Map.of(
                        "id",
                        "md1",
                        "cell_type",
                        "markdown",
                        "metadata",
                        Map.of(),
                        "source",
                        List.of(
                                "# Título\n",
                                PAYLOAD + "\n\n",
                                "![rastreo](https://evil.example/pixel.png)\n",
                                "[enlace](javascript:alert(4))\n"));
        Map<String, Object> code =
                Map.of(
                        "id",
                        "code1",
                        "cell_type",
                        "code",
                        "metadata",
                        Map.of(),
                        "execution_count",
                        1,
                        "source",
                        "display(HTML(payload))</code></pre><script>alert(5)</script>",
                        "outputs",
                        List.of(
                                Map.of(
                                        "output_type", "display_data",
                                        "metadata", Map.of(),
                                        "data",
                                                Map.of(
                                                        "text/html",
                                                        PAYLOAD,
                                                        "text/plain",
                                                        "<HTML>")),
                                Map.of(
                                        "output_type", "display_data",
                                        "metadata", Map.of(),
                                        "data", Map.of("application/javascript", "alert(6)")),
                                Map.of(
                                        "output_type", "stream",
                                        "name", "stdout",
                                        "text", "<script>alert(7)</script>")));
        return notebook(List.of(markdown, code));
    }

    /** A valid 4.5 notebook with one PNG output of {@code bytes} bytes (base64 in the JSON). */
    static byte[] withImage(int bytes) {
        byte[] png = new byte[bytes];
        new Random(42).nextBytes(png);
        System.arraycopy(new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10}, 0, png, 0, 8);
        Map<String, Object> code =
                Map.of(
                        "id",
                        "plot",
                        "cell_type",
                        "code",
                        "metadata",
                        Map.of(),
                        "execution_count",
                        1,
                        "source",
                        "plt.show()",
                        "outputs",
                        List.of(
                                Map.of(
                                        "output_type", "display_data",
                                        "metadata", Map.of(),
                                        "data",
                                                Map.of(
                                                        "image/png",
                                                        Base64.getEncoder().encodeToString(png),
                                                        "text/plain",
                                                        "<Figure>"))));
        return notebook(List.of(code));
    }

    private static byte[] notebook(List<Map<String, Object>> cells) {
        Map<String, Object> nb =
                Map.of(
                        "nbformat",
                        4,
                        "nbformat_minor",
                        5,
                        "metadata",
                        Map.of(
                                "kernelspec",
                                        Map.of(
                                                "name", "python3",
                                                "display_name", "Python 3",
                                                "language", "python"),
                                "language_info", Map.of("name", "python")),
                        "cells",
                        cells);
        return JSON.writeValueAsString(nb).getBytes(StandardCharsets.UTF_8);
    }
}
