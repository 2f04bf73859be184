package org.minka.storage;

import io.minio.MinioAsyncClient;
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
    MinioAsyncClient minioAsyncClient(StorageProperties properties) {
        return MinioAsyncClient.builder()
                .endpoint(properties.endpoint())
                .region(properties.region())
                .credentials(properties.accessKey(), properties.secretKey())
                .build();
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
