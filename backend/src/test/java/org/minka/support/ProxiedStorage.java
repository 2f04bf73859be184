package org.minka.support;

import io.minio.MinioAsyncClient;
import java.net.URI;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * The app's object store reached through a {@link CuttableProxy} that a test cuts, as if the store
 * died. Test classes that {@code @Import(ProxiedStorage.Config.class)} share one application
 * context (and this one proxy); heal it after each test.
 */
public final class ProxiedStorage {

    public static final CuttableProxy PROXY;

    static {
        try {
            PROXY = new CuttableProxy(URI.create(LocalServers.forTests().s3Endpoint()));
        } catch (java.io.IOException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private ProxiedStorage() {}

    /** The app's MinIO client goes through the proxy (a second client, marked primary). */
    @TestConfiguration(proxyBeanMethods = false)
    public static class Config {
        @Bean
        @Primary
        MinioAsyncClient proxiedMinioClient() {
            return MinioAsyncClient.builder()
                    .endpoint(PROXY.endpoint())
                    .region("us-east-1")
                    .credentials(LocalServers.S3_ACCESS_KEY, LocalServers.S3_SECRET_KEY)
                    .build();
        }
    }
}
