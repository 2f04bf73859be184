package org.minka.support;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.ReaderException;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.awt.image.BufferedImage;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;

/** A certificate PDF read back: its text (PDFBox extraction) and its QR code (ZXing). */
public final class CertificatePdfs {

    private CertificatePdfs() {}

    /** The text of the PDF's pages (a certificate has one). */
    public static String text(byte[] pdf) throws Exception {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(doc);
        }
    }

    /** The number of pages. */
    public static int pages(byte[] pdf) throws Exception {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            return doc.getNumberOfPages();
        }
    }

    /**
     * The text of the QR code on the first page. ZXing looks for it on the page rendered at 150,
     * 200 and 300 dpi, then on the page's lower right quarter, where the renderer puts it: its
     * detector misses about one code in 500 on a whole page at one resolution (the frame and the
     * text mislead its finder-pattern search, depending on the code's own pattern). A page without
     * a readable code still fails.
     */
    public static String qr(byte[] pdf) throws Exception {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            PDFRenderer renderer = new PDFRenderer(doc);
            ReaderException notFound = null;
            for (int[] attempt : new int[][] {{150, 0}, {200, 0}, {300, 0}, {150, 1}, {300, 1}}) {
                BufferedImage image = renderer.renderImageWithDPI(0, attempt[0]);
                if (attempt[1] == 1) {
                    int w = image.getWidth() / 2;
                    int h = image.getHeight() / 2;
                    image = image.getSubimage(w, h, w, h);
                }
                try {
                    return decode(image);
                } catch (ReaderException ex) {
                    notFound = ex;
                }
            }
            throw notFound;
        }
    }

    private static String decode(BufferedImage image) throws Exception {
        int w = image.getWidth();
        int h = image.getHeight();
        int[] pixels = image.getRGB(0, 0, w, h, null, 0, w);
        BinaryBitmap bitmap =
                new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(w, h, pixels)));
        return new QRCodeReader().decode(bitmap, Map.of(DecodeHintType.TRY_HARDER, true)).getText();
    }
}
