package org.minka.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.minio.Http;
import io.minio.errors.MinioException;
import java.time.Duration;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import org.junit.jupiter.api.Test;

class StorageConfigurationTests {

    private static StorageProperties properties(String caFile) {
        return new StorageProperties(
                "http://localhost:9000",
                "key",
                "secret",
                "bucket",
                "us-east-1",
                true,
                Duration.ofSeconds(10),
                caFile);
    }

    @Test
    void httpClientWhenNoCaFileThenTheSdkDefaultsWithoutReadingTheHostsCertificates()
            throws MinioException {
        OkHttpClient client = StorageConfiguration.httpClient(properties(" "));

        assertThat(client.protocols()).containsExactly(Protocol.HTTP_1_1);
        assertThat(client.interceptors())
                .singleElement()
                .isInstanceOf(Http.StatusRetryInterceptor.class);
        assertThat((long) client.readTimeoutMillis()).isEqualTo(Http.DEFAULT_TIMEOUT);
        assertThat((long) client.connectTimeoutMillis()).isEqualTo(Http.DEFAULT_TIMEOUT);
    }

    @Test
    void httpClientWhenCaFileIsMissingThenStartUpFails() {
        assertThatThrownBy(() -> StorageConfiguration.httpClient(properties("/nonexistent/ca.pem")))
                .isInstanceOf(Exception.class);
    }
}
