package org.minka.results;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param publicUrl the API's public base URL, for the absolute links of the open data
 * @param publisher who publishes the results as open data (the DCAT-US publisher)
 * @param contactName the DCAT-US contact point's name
 * @param contactEmail the DCAT-US contact point's email address
 * @param announceEvery how often scheduled publications are looked for (0s: never)
 */
@ConfigurationProperties("minka.results")
record ResultsProperties(
        String publicUrl,
        String publisher,
        String contactName,
        String contactEmail,
        Duration announceEvery) {

    ResultsProperties {
        publicUrl = publicUrl == null || publicUrl.isBlank() ? "http://localhost:8080" : publicUrl;
        publicUrl =
                publicUrl.endsWith("/")
                        ? publicUrl.substring(0, publicUrl.length() - 1)
                        : publicUrl;
        publisher = publisher == null || publisher.isBlank() ? "Minka" : publisher;
        contactName = contactName == null || contactName.isBlank() ? "Minka" : contactName;
        contactEmail =
                contactEmail == null || contactEmail.isBlank() ? "datos@minka.dev" : contactEmail;
        announceEvery = announceEvery == null ? Duration.ofSeconds(30) : announceEvery;
    }
}
