package org.minka.storage;

import io.minio.BucketExistsArgs;
import io.minio.Checksum;
import io.minio.GetObjectArgs;
import io.minio.GetPresignedObjectUrlArgs;
import io.minio.Http;
import io.minio.ListObjectsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioAsyncClient;
import io.minio.PutObjectArgs;
import io.minio.RemoveObjectArgs;
import io.minio.StatObjectArgs;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.minka.common.DependencyUnavailableException;
import reactor.core.publisher.Flux;
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
        return bucketExists().filter(exists -> !exists).flatMap(missing -> makeBucket());
    }

    /** Creates the bucket; one that a concurrent caller has just created counts as made. */
    private Mono<Void> makeBucket() {
        return call(() -> client.makeBucket(MakeBucketArgs.builder().bucket(bucket).build()))
                .then()
                .onErrorResume(ObjectStore::isOwnedAlready, owned -> Mono.empty());
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

    /** Part size of multipart uploads: the most a streamed upload holds in memory at once. */
    public static final long PART_SIZE = 8L * 1024 * 1024;

    /**
     * The integrity checksum sent with each part. Over plain HTTP the SDK hashes every part with
     * SHA-256 to sign it anyway; asking for SHA-256 as the checksum too makes that one pass (the
     * JDK's intrinsic), where the SDK's default CRC32C is a second, byte-at-a-time pass in Java
     * that cost more CPU than the rest of a streamed upload.
     */
    static final Checksum.Algorithm CHECKSUM = Checksum.Algorithm.SHA256;

    /**
     * Streams an object of unknown size as a multipart upload, one part in memory at a time. The
     * stream is read on a bounded-elastic thread (and the SDK's own threads), never on an event
     * loop; when reading fails the multipart upload is aborted and nothing is stored.
     */
    public Mono<ObjectInfo> putStream(
            String key, InputStream content, String contentType, Map<String, String> headers) {
        return Mono.defer(
                        () ->
                                Mono.fromFuture(
                                        client.putObject(
                                                PutObjectArgs.builder()
                                                        .bucket(bucket)
                                                        .object(key)
                                                        .stream(content, -1L, PART_SIZE)
                                                        .checksum(CHECKSUM)
                                                        .contentType(contentType)
                                                        .headers(headers)
                                                        .build()),
                                        true))
                .subscribeOn(Schedulers.boundedElastic())
                .then(stat(key));
    }

    /** Stores a small object held in memory, with extra headers (e.g. Content-Disposition). */
    public Mono<ObjectInfo> put(
            String key, byte[] content, String contentType, Map<String, String> headers) {
        return call(() ->
                        client.putObject(
                                PutObjectArgs.builder()
                                        .bucket(bucket)
                                        .object(key)
                                        .data(content, content.length)
                                        .contentType(contentType)
                                        .headers(headers)
                                        .build()))
                .then(stat(key));
    }

    /**
     * Opens an object for reading, from {@code offset} for {@code length} bytes (all when null).
     * The caller closes the stream and reads it off the event loop.
     */
    public Mono<InputStream> open(String key, long offset, Long length) {
        return call(() ->
                        client.getObject(
                                GetObjectArgs.builder()
                                        .bucket(bucket)
                                        .object(key)
                                        .offset(offset)
                                        .length(length)
                                        .build()))
                .cast(InputStream.class);
    }

    /** Reads a whole small object into memory, failing when it is larger than {@code maxBytes}. */
    public Mono<byte[]> read(String key, int maxBytes) {
        return open(key, 0, null)
                .publishOn(Schedulers.boundedElastic())
                .map(
                        in -> {
                            try (in) {
                                byte[] bytes = in.readNBytes(maxBytes + 1);
                                if (bytes.length > maxBytes) {
                                    throw new IllegalStateException(
                                            "object " + key + " is larger than " + maxBytes);
                                }
                                return bytes;
                            } catch (IOException ex) {
                                throw new UncheckedIOException(ex);
                            }
                        });
    }

    /** Objects whose keys start with the prefix (all pages; listing runs off the event loop). */
    public Flux<ObjectInfo> list(String prefix) {
        return Flux.defer(
                        () ->
                                Flux.fromIterable(
                                        client.listObjects(
                                                ListObjectsArgs.builder()
                                                        .bucket(bucket)
                                                        .prefix(prefix)
                                                        .recursive(true)
                                                        .build())))
                .map(
                        result -> {
                            try {
                                var item = result.get();
                                return new ObjectInfo(
                                        item.objectName(),
                                        item.size(),
                                        null,
                                        item.etag(),
                                        item.lastModified() == null
                                                ? null
                                                : item.lastModified().toInstant());
                            } catch (io.minio.errors.MinioException ex) {
                                throw new IllegalStateException(ex);
                            }
                        })
                .subscribeOn(Schedulers.boundedElastic());
    }

    /** A presigned PUT URL for a direct upload, valid for the given time. */
    public Mono<String> presignPut(String key, Duration validFor) {
        return presign(Http.Method.PUT, key, validFor, Map.of());
    }

    /**
     * A presigned GET URL whose response carries these headers (e.g. {@code
     * response-content-disposition}); the parameters are part of the signature.
     */
    public Mono<String> presignGet(String key, Duration validFor, Map<String, String> response) {
        return presign(Http.Method.GET, key, validFor, response);
    }

    private Mono<String> presign(
            Http.Method method, String key, Duration validFor, Map<String, String> params) {
        return Mono.fromCallable(
                        () ->
                                client.getPresignedObjectUrl(
                                        GetPresignedObjectUrlArgs.builder()
                                                .method(method)
                                                .bucket(bucket)
                                                .object(key)
                                                .extraQueryParams(params)
                                                .expiry(
                                                        (int) validFor.toSeconds(),
                                                        TimeUnit.SECONDS)
                                                .build()))
                .subscribeOn(Schedulers.boundedElastic());
    }

    /**
     * One SDK call, bounded by the timeout. A failure other than a missing key (the store
     * unreachable, timing out or answering 5xx) becomes {@link DependencyUnavailableException}: the
     * caller answers 503 and the client may retry.
     */
    private <T> Mono<T> call(Supplier<CompletableFuture<T>> future) {
        return Mono.fromFuture(future, true)
                .timeout(timeout)
                .onErrorMap(ObjectStore::isOutage, ObjectStore::unavailable);
    }

    private static boolean isOutage(Throwable error) {
        return !isNoSuchKey(error) && !(error instanceof DependencyUnavailableException);
    }

    private static Throwable unavailable(Throwable error) {
        return new DependencyUnavailableException("object storage", error);
    }

    private static boolean isNoSuchKey(Throwable error) {
        return hasCode(error, "NoSuchKey");
    }

    /**
     * Another caller created the bucket between our check and our create: the readiness probe and
     * the start-up listener both ensure it, and several instances may start at once.
     */
    private static boolean isOwnedAlready(Throwable error) {
        return hasCode(error, "BucketAlreadyOwnedByYou");
    }

    private static boolean hasCode(Throwable error, String code) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof io.minio.errors.ErrorResponseException response
                    && code.equals(response.errorResponse().code())) {
                return true;
            }
        }
        return false;
    }
}
