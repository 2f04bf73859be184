package org.minka.storage;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param endpoint S3 endpoint URL, e.g. {@code http://minio:9000}
 * @param region region used to sign requests (set, so the SDK never looks it up)
 * @param createBucket create the bucket at startup when it is missing
 * @param timeout upper bound for a single storage call
 * @param caFile PEM file of the certificate authorities to trust for an HTTPS endpoint besides the
 *     JDK's (a private MinIO); none by default
 */
@ConfigurationProperties("minka.storage")
record StorageProperties(
        String endpoint,
        String accessKey,
        String secretKey,
        String bucket,
        String region,
        boolean createBucket,
        Duration timeout,
        String caFile) {

    StorageProperties {
        region = region == null || region.isBlank() ? "us-east-1" : region;
        timeout = timeout == null ? Duration.ofSeconds(10) : timeout;
        caFile = caFile == null || caFile.isBlank() ? null : caFile;
    }
}
