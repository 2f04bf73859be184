package org.minka.storage;

import io.minio.BucketExistsArgs;
import io.minio.GetPresignedObjectUrlArgs;
import io.minio.Http;
import io.minio.MakeBucketArgs;
import io.minio.MinioAsyncClient;
import io.minio.PutObjectArgs;
import io.minio.RemoveObjectArgs;
import io.minio.StatObjectArgs;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Object storage over the MinIO async client. Every call returns a {@link Mono}; the SDK's futures
 * complete on its own HTTP threads, so no event-loop thread waits on the network.
 */
public class ObjectStore {

    private final MinioAsyncClient client;
    private final String bucket;
    private final Duration timeout;

    ObjectStore(MinioAsyncClient client, StorageProperties properties) {
        this.client = client;
        this.bucket = properties.bucket();
        this.timeout = properties.timeout();
    }

    /** Metadata of a stored object. */
    public record ObjectInfo(
            String key, long size, String contentType, String etag, Instant lastModified) {}

    public String bucket() {
        return bucket;
    }

    /** Whether the configured bucket exists (used by readiness). */
    public Mono<Boolean> bucketExists() {
        return call(() -> client.bucketExists(BucketExistsArgs.builder().bucket(bucket).build()));
    }

    /** Creates the bucket when it is missing. */
    public Mono<Void> ensureBucket() {
        return bucketExists()
                .flatMap(
                        exists ->
                                exists
                                        ? Mono.<Void>empty()
                                        : call(() ->
                                                        client.makeBucket(
                                                                MakeBucketArgs.builder()
                                                                        .bucket(bucket)
                                                                        .build()))
                                                .then());
    }

    /** Stores a small object held in memory. */
    public Mono<ObjectInfo> put(String key, byte[] content, String contentType) {
        return call(() ->
                        client.putObject(
                                PutObjectArgs.builder()
                                        .bucket(bucket)
                                        .object(key)
                                        .data(content, content.length)
                                        .contentType(contentType)
                                        .build()))
                .then(stat(key));
    }

    /** Metadata of an object, or empty when it does not exist. */
    public Mono<ObjectInfo> stat(String key) {
        return call(() ->
                        client.statObject(
                                StatObjectArgs.builder().bucket(bucket).object(key).build()))
                .map(
                        stat ->
                                new ObjectInfo(
                                        key,
                                        stat.size(),
                                        stat.contentType(),
                                        stat.etag(),
                                        stat.lastModified() == null
                                                ? null
                                                : stat.lastModified().toInstant()))
                .onErrorResume(ObjectStore::isNoSuchKey, ex -> Mono.empty());
    }

    /** Deletes an object; deleting a missing object succeeds. */
    public Mono<Void> delete(String key) {
        return call(() ->
                        client.removeObject(
                                RemoveObjectArgs.builder().bucket(bucket).object(key).build()))
                .then();
    }

    /** A presigned GET URL, valid for the given time. Signing is local CPU work. */
    public Mono<String> presignGet(String key, Duration validFor) {
        return Mono.fromCallable(
                        () ->
                                client.getPresignedObjectUrl(
                                        GetPresignedObjectUrlArgs.builder()
                                                .method(Http.Method.GET)
                                                .bucket(bucket)
                                                .object(key)
                                                .expiry(
                                                        (int) validFor.toSeconds(),
                                                        TimeUnit.SECONDS)
                                                .build()))
                .subscribeOn(Schedulers.boundedElastic());
    }

    private <T> Mono<T> call(Supplier<CompletableFuture<T>> future) {
        return Mono.fromFuture(future, true).timeout(timeout);
    }

    private static boolean isNoSuchKey(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof io.minio.errors.ErrorResponseException response
                    && "NoSuchKey".equals(response.errorResponse().code())) {
                return true;
            }
        }
        return false;
    }
}
