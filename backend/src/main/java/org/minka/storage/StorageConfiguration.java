package org.minka.storage;

import io.minio.Http;
import io.minio.MinioAsyncClient;
import io.minio.errors.MinioException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(StorageProperties.class)
class StorageConfiguration {

    private static final Logger log = LoggerFactory.getLogger(StorageConfiguration.class);

    @Bean
    MinioAsyncClient minioAsyncClient(StorageProperties properties) throws MinioException {
        return MinioAsyncClient.builder()
                .endpoint(properties.endpoint())
                .region(properties.region())
                .credentials(properties.accessKey(), properties.secretKey())
                .httpClient(httpClient(properties), true)
                .build();
    }

    /**
     * The SDK's default HTTP client (HTTP/1.1, its time-outs, its retries on throttling statuses)
     * without its start-up scan of {@code SSL_CERT_FILE} and every file in {@code SSL_CERT_DIR}: on
     * hosts that set those (here, hundreds of files in {@code /etc/ssl/certs}) building the client
     * took seconds, the largest single step of start-up. A private certificate authority is named
     * explicitly instead ({@code S3_CA_FILE}).
     */
    static OkHttpClient httpClient(StorageProperties properties) throws MinioException {
        OkHttpClient client =
                new OkHttpClient.Builder()
                        .connectTimeout(Http.DEFAULT_TIMEOUT, TimeUnit.MILLISECONDS)
                        .writeTimeout(Http.DEFAULT_TIMEOUT, TimeUnit.MILLISECONDS)
                        .readTimeout(Http.DEFAULT_TIMEOUT, TimeUnit.MILLISECONDS)
                        .protocols(List.of(Protocol.HTTP_1_1))
                        .addInterceptor(new Http.StatusRetryInterceptor())
                        .build();
        return properties.caFile() == null
                ? client
                : Http.enableExternalCertificates(client, properties.caFile(), null);
    }

    @Bean
    ObjectStore objectStore(MinioAsyncClient client, StorageProperties properties) {
        return new ObjectStore(client, properties);
    }

    /** Readiness: the bucket answers (and is created once storage is back, when allowed). */
    @Bean
    ReactiveHealthIndicator storageHealthIndicator(
            ObjectStore store, StorageProperties properties) {
        return new StorageReadiness(store, properties.createBucket());
    }

    @Bean
    ApplicationListener<ApplicationReadyEvent> bucketCreator(
            ObjectStore store, StorageProperties properties) {
        return event -> {
            if (properties.createBucket()) {
                store.ensureBucket()
                        .subscribe(
                                ok -> {},
                                ex ->
                                        log.warn(
                                                "Could not create bucket {}: {}",
                                                store.bucket(),
                                                ex.toString()),
                                () -> log.info("Bucket {} is ready", store.bucket()));
            }
        };
    }
}
