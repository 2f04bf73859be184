package org.minka.certificate;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param publicUrl the public base URL of the API, printed (as a QR code and in text) on every
 *     certificate: {@code <publicUrl>/api/v1/certificates/<code>}
 * @param zone the time zone of the date printed on certificates
 * @param reaperInterval how often objects without a row are swept (0s: never)
 * @param orphanAge how old an object without a row must be before it is swept
 */
@ConfigurationProperties("minka.certificates")
record CertificateProperties(
        String publicUrl, String zone, Duration reaperInterval, Duration orphanAge) {

    CertificateProperties {
        publicUrl = publicUrl == null || publicUrl.isBlank() ? "http://localhost:8080" : publicUrl;
        publicUrl =
                publicUrl.endsWith("/")
                        ? publicUrl.substring(0, publicUrl.length() - 1)
                        : publicUrl;
        zone = zone == null || zone.isBlank() ? "America/Lima" : zone;
        reaperInterval = reaperInterval == null ? Duration.ofHours(1) : reaperInterval;
        orphanAge = orphanAge == null ? Duration.ofHours(1) : orphanAge;
    }

    /** The public verify URL of a code. */
    String verifyUrl(String code) {
        return publicUrl + "/api/v1/certificates/" + code;
    }
}
