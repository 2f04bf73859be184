package org.minka.certificate;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** A rendered certificate read back: its text by PDFBox extraction, its QR code by ZXing. */
class CertificateRendererTests {

    static final String CODE = Certificates.newCode();
    static final String URL = "https://minka.example.org/api/v1/certificates/" + CODE;

    static CertificateRenderer.Page page(String language) {
        return new CertificateRenderer.Page(
                language,
                "Ana María Quispe Ñahui",
                "es".equals(language)
                        ? "completó el curso \u201cDatos abiertos para funcionarios públicos\u201d"
                        : "completed the course \u201cOpen data for public officials\u201d",
                "es".equals(language)
                        ? "Programa de fortalecimiento de capacidades en datos abiertos"
                        : "Capacity building programme in open data",
                Instant.parse("2026-11-30T15:00:00Z"),
                ZoneId.of("America/Lima"),
                CODE,
                URL);
    }

    static String text(byte[] pdf) throws Exception {
        return org.minka.support.CertificatePdfs.text(pdf);
    }

    static String qr(byte[] pdf) throws Exception {
        return org.minka.support.CertificatePdfs.qr(pdf);
    }

    @Test
    void renderWhenSpanishThenTextReadsBackAndQrDecodesToTheVerifyUrl() throws Exception {
        byte[] pdf = CertificateRenderer.render(page("es"));

        String text = text(pdf);
        assertThat(text)
                .contains("CERTIFICADO")
                .contains("Se certifica que")
                .contains("Ana María Quispe Ñahui")
                .contains("Datos abiertos para funcionarios públicos")
                .contains("Programa de fortalecimiento de capacidades en datos abiertos")
                .contains("Emitido el 30 de noviembre de 2026")
                .contains("Código de verificación: " + CODE)
                .contains(URL);
        assertThat(qr(pdf)).isEqualTo(URL);
    }

    @Test
    void renderWhenEnglishThenEnglishLabelsAndSameQr() throws Exception {
        byte[] pdf = CertificateRenderer.render(page("en"));

        String text = text(pdf);
        assertThat(text)
                .contains("CERTIFICATE")
                .contains("This certifies that")
                .contains("Open data for public officials")
                .contains("Issued on November 30, 2026")
                .contains("Verification code: " + CODE);
        assertThat(qr(pdf)).isEqualTo(URL);
    }

    @Test
    void renderWhenNameHasCharactersOutsideTheFontThenReplacedNotFailed() throws Exception {
        CertificateRenderer.Page p = page("en");
        CertificateRenderer.Page odd =
                new CertificateRenderer.Page(
                        p.language(),
                        "Łukasz 王",
                        p.achievement(),
                        p.context(),
                        p.issuedAt(),
                        p.zone(),
                        p.code(),
                        p.verifyUrl());

        assertThat(text(CertificateRenderer.render(odd))).contains("?ukasz ?");
    }

    @Test
    void newCodeWhenDrawnThenTwentySixBase32LettersAndDistinct() {
        String a = Certificates.newCode();
        String b = Certificates.newCode();
        assertThat(a).matches("[A-Z2-7]{26}");
        assertThat(Certificates.wellFormed(a)).isTrue();
        assertThat(a).isNotEqualTo(b);
    }
}
