package org.minka.certificate;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.text.Normalizer;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/**
 * Draws a certificate: one landscape A4 page with a title, the recipient, what they achieved and
 * where, the date, the verification code and a QR code (vector, one square per module) to the
 * verify URL. Pure CPU work on the caller's thread: call it off the event loop.
 */
final class CertificateRenderer {

    /** What a page shows. */
    record Page(
            String language,
            String recipientName,
            String achievement,
            String context,
            Instant issuedAt,
            ZoneId zone,
            String code,
            String verifyUrl) {}

    private static final Map<String, List<String>> LABELS =
            Map.of(
                    "es",
                    List.of(
                            "CERTIFICADO",
                            "Se certifica que",
                            "Emitido el %s",
                            "Código de verificación: %s",
                            "Verifique este certificado en"),
                    "en",
                    List.of(
                            "CERTIFICATE",
                            "This certifies that",
                            "Issued on %s",
                            "Verification code: %s",
                            "Verify this certificate at"));

    private static final PDRectangle SIZE =
            new PDRectangle(PDRectangle.A4.getHeight(), PDRectangle.A4.getWidth());
    private static final float MARGIN = 48;

    /** How far a QR code's row of modules reaches into the row below, in points. */
    private static final float SEAM = 0.05f;

    private CertificateRenderer() {}

    /** The PDF's bytes. */
    static byte[] render(Page page) {
        try (PDDocument doc = new PDDocument()) {
            PDPage pdfPage = new PDPage(SIZE);
            doc.addPage(pdfPage);
            Fonts fonts = new Fonts();
            try (PDPageContentStream out = new PDPageContentStream(doc, pdfPage)) {
                frame(out);
                text(out, fonts, page);
                qr(out, page.verifyUrl());
            }
            doc.getDocumentInformation().setTitle(label(page, 0) + " " + page.code());
            doc.getDocumentInformation().setSubject(page.verifyUrl());
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            doc.save(bytes);
            return bytes.toByteArray();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private record Fonts(PDFont regular, PDFont bold) {
        Fonts() {
            this(
                    new PDType1Font(Standard14Fonts.FontName.HELVETICA),
                    new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD));
        }
    }

    private static String label(Page page, int index) {
        return LABELS.getOrDefault(page.language(), LABELS.get("en")).get(index);
    }

    private static void frame(PDPageContentStream out) throws IOException {
        out.setLineWidth(3);
        out.addRect(MARGIN / 2, MARGIN / 2, SIZE.getWidth() - MARGIN, SIZE.getHeight() - MARGIN);
        out.stroke();
        out.setLineWidth(0.8f);
        out.addRect(
                MARGIN / 2 + 6,
                MARGIN / 2 + 6,
                SIZE.getWidth() - MARGIN - 12,
                SIZE.getHeight() - MARGIN - 12);
        out.stroke();
    }

    private static void text(PDPageContentStream out, Fonts fonts, Page page) throws IOException {
        float y = SIZE.getHeight() - 110;
        centered(out, fonts.bold(), 34, label(page, 0), y);
        y -= 50;
        centered(out, fonts.regular(), 15, label(page, 1), y);
        y -= 40;
        centered(out, fonts.bold(), 26, page.recipientName(), y);
        y -= 36;
        for (String line : wrap(fonts.regular(), 15, page.achievement(), 560)) {
            centered(out, fonts.regular(), 15, line, y);
            y -= 20;
        }
        y -= 6;
        for (String line : wrap(fonts.bold(), 15, page.context(), 560)) {
            centered(out, fonts.bold(), 15, line, y);
            y -= 20;
        }
        String date = formatted(page);
        left(out, fonts.regular(), 12, String.format(label(page, 2), date), 120);
        left(out, fonts.regular(), 12, String.format(label(page, 3), page.code()), 100);
        left(out, fonts.regular(), 10, label(page, 4), 80);
        left(out, fonts.regular(), 10, page.verifyUrl(), 66);
    }

    private static String formatted(Page page) {
        Locale locale = "es".equals(page.language()) ? Locale.forLanguageTag("es") : Locale.ENGLISH;
        return DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG)
                .withLocale(locale)
                .format(page.issuedAt().atZone(page.zone()));
    }

    private static void centered(
            PDPageContentStream out, PDFont font, float size, String s, float y)
            throws IOException {
        String safe = printable(font, s);
        float width = font.getStringWidth(safe) / 1000 * size;
        show(out, font, size, safe, (SIZE.getWidth() - width) / 2, y);
    }

    private static void left(PDPageContentStream out, PDFont font, float size, String s, float y)
            throws IOException {
        show(out, font, size, printable(font, s), MARGIN + 20, y);
    }

    private static void show(
            PDPageContentStream out, PDFont font, float size, String s, float x, float y)
            throws IOException {
        out.beginText();
        out.setFont(font, size);
        out.newLineAtOffset(x, y);
        out.showText(s);
        out.endText();
    }

    /** Lines of at most {@code width} points, broken between words. */
    static List<String> wrap(PDFont font, float size, String text, float width) throws IOException {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : printable(font, text).split("\\s+")) {
            String candidate = line.isEmpty() ? word : line + " " + word;
            if (!line.isEmpty() && font.getStringWidth(candidate) / 1000 * size > width) {
                lines.add(line.toString());
                line = new StringBuilder(word);
            } else {
                line = new StringBuilder(candidate);
            }
        }
        if (!line.isEmpty()) {
            lines.add(line.toString());
        }
        return lines.size() > 4 ? lines.subList(0, 4) : lines;
    }

    /** The text with every character the font cannot encode replaced by '?'. */
    static String printable(PDFont font, String text) {
        String normalized = Normalizer.normalize(text, Normalizer.Form.NFC);
        StringBuilder out = new StringBuilder();
        normalized
                .codePoints()
                .forEach(cp -> out.append(encodable(font, cp) ? Character.toString(cp) : "?"));
        return out.toString();
    }

    private static boolean encodable(PDFont font, int codePoint) {
        if (Character.isISOControl(codePoint)) {
            return false;
        }
        try {
            font.encode(Character.toString(codePoint));
            return true;
        } catch (IOException | IllegalArgumentException ex) {
            return false;
        }
    }

    private static void qr(PDPageContentStream out, String url) throws IOException {
        BitMatrix matrix;
        try {
            matrix =
                    new QRCodeWriter()
                            .encode(
                                    url,
                                    BarcodeFormat.QR_CODE,
                                    0,
                                    0,
                                    Map.of(
                                            EncodeHintType.MARGIN,
                                            0,
                                            EncodeHintType.ERROR_CORRECTION,
                                            ErrorCorrectionLevel.M));
        } catch (WriterException ex) {
            throw new IllegalArgumentException("verify URL too long for a QR code", ex);
        }
        float side = 120;
        float module = side / matrix.getWidth();
        float left = SIZE.getWidth() - MARGIN - 20 - side;
        float top = MARGIN + 20 + side;
        for (int row = 0; row < matrix.getHeight(); row++) {
            for (int col = 0; col < matrix.getWidth(); ) {
                int run = run(matrix, row, col);
                if (run > 0) {
                    // one rectangle per run of dark modules, reaching a hair into the row above:
                    // rasterizers leave no seam between modules of a run or between rows
                    out.addRect(
                            left + col * module,
                            top - (row + 1) * module,
                            run * module,
                            module + SEAM);
                }
                col += Math.max(run, 1);
            }
        }
        out.fill();
    }

    /** How many dark modules follow one another in the row from the column (0 if it is light). */
    private static int run(BitMatrix matrix, int row, int col) {
        int end = col;
        while (end < matrix.getWidth() && matrix.get(end, row)) {
            end++;
        }
        return end - col;
    }
}
