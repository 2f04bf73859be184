package org.minka.submission;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.springframework.http.ContentDisposition;

/**
 * File names, extensions and content sniffing. Types are recognised from the bytes (magic numbers,
 * or a text check), and must agree with the extension.
 */
final class FileTypes {

    static final int SNIFF_BYTES = 8192;
    private static final int MAX_NAME = 120;

    private FileTypes() {}

    /** The lower-case extension of a name, without the dot; empty when there is none. */
    static String extension(String filename) {
        int dot = filename.lastIndexOf('.');
        return dot < 0 || dot == filename.length() - 1
                ? ""
                : filename.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    /** The name used in settings' allowed types (jpeg counts as jpg). */
    static String allowedTypeOf(String extension) {
        return extension.equals("jpeg") ? "jpg" : extension;
    }

    /**
     * A safe display name: the last path segment, NFC, no control or reserved characters, no
     * leading dots, at most 120 characters with the extension kept.
     */
    static String sanitise(String original) {
        String name = original == null ? "" : original;
        name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
        name = Normalizer.normalize(name, Normalizer.Form.NFC);
        StringBuilder sb = new StringBuilder();
        name.codePoints()
                .forEach(
                        cp -> {
                            if (Character.isISOControl(cp)
                                    || "<>:\"|?*;%".indexOf(cp) >= 0
                                    || Character.getType(cp) == Character.FORMAT) {
                                sb.append('_');
                            } else if (Character.isWhitespace(cp)) {
                                sb.append(' ');
                            } else {
                                sb.appendCodePoint(cp);
                            }
                        });
        name = sb.toString().replaceAll(" +", " ").strip().replaceFirst("^[.\\s]+", "");
        if (name.length() > MAX_NAME) {
            String ext = extension(name);
            int keep = MAX_NAME - ext.length() - 1;
            name =
                    ext.isEmpty() || keep < 1
                            ? name.substring(0, MAX_NAME)
                            : name.substring(0, keep) + "." + ext;
        }
        return name;
    }

    /** A Content-Disposition for downloads: attachment, with the name RFC 5987-encoded. */
    static String contentDisposition(String filename) {
        return ContentDisposition.attachment()
                .filename(filename, StandardCharsets.UTF_8)
                .build()
                .toString();
    }

    static String contentType(String extension) {
        return switch (extension) {
            case "ipynb" -> "application/x-ipynb+json";
            case "pdf" -> "application/pdf";
            case "csv" -> "text/csv";
            case "json" -> "application/json";
            case "parquet" -> "application/vnd.apache.parquet";
            case "xlsx" -> "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
            case "png" -> "image/png";
            case "jpg", "jpeg" -> "image/jpeg";
            case "zip" -> "application/zip";
            default -> "application/octet-stream";
        };
    }

    /**
     * Whether the first bytes (up to {@link #SNIFF_BYTES}) are of the type the extension claims.
     */
    static boolean headMatches(String extension, byte[] head) {
        return switch (extension) {
            case "pdf" -> starts(head, "%PDF-".getBytes(StandardCharsets.US_ASCII));
            case "png" -> starts(head, new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10});
            case "jpg", "jpeg" -> starts(head, new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF});
            case "zip" -> isZip(head);
            case "xlsx" ->
                    isZip(head) && (contains(head, "[Content_Types].xml") || contains(head, "xl/"));
            case "parquet" -> starts(head, PAR1);
            case "json", "ipynb" -> isText(head) && startsJson(head);
            case "csv" -> isText(head) && !startsJson(head) && head.length > 0;
            default -> false;
        };
    }

    /** Whether the last four bytes fit the type (Parquet files end with their magic too). */
    static boolean tailMatches(String extension, byte[] tail) {
        return !extension.equals("parquet") || Arrays.equals(tail, PAR1);
    }

    private static final byte[] PAR1 = {'P', 'A', 'R', '1'};

    private static boolean isZip(byte[] head) {
        return starts(head, new byte[] {'P', 'K', 3, 4})
                || starts(head, new byte[] {'P', 'K', 5, 6});
    }

    private static boolean starts(byte[] head, byte[] magic) {
        return head.length >= magic.length
                && Arrays.equals(Arrays.copyOf(head, magic.length), magic);
    }

    private static boolean contains(byte[] head, String ascii) {
        return new String(head, StandardCharsets.ISO_8859_1).contains(ascii);
    }

    private static boolean startsJson(byte[] head) {
        String s =
                new String(head, StandardCharsets.UTF_8).replaceFirst("^\uFEFF", "").stripLeading();
        return s.startsWith("{") || s.startsWith("[");
    }

    /** UTF-8 without NUL bytes; a multi-byte sequence cut at the end of the sample is fine. */
    static boolean isText(byte[] head) {
        for (byte b : head) {
            if (b == 0) {
                return false;
            }
        }
        CharsetDecoder decoder =
                StandardCharsets.UTF_8
                        .newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT);
        CharBuffer out = CharBuffer.allocate(head.length + 1);
        CoderResult result = decoder.decode(ByteBuffer.wrap(head), out, false);
        return !result.isError();
    }

    static List<String> knownExtensions() {
        return Arrays.stream(ArtifactKind.values())
                .flatMap(k -> k.extensions().stream())
                .distinct()
                .toList();
    }
}
