package org.minka.submission;

import java.nio.ByteBuffer;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Copies the network buffers of an upload into heap chunks of a fixed size. Each network buffer is
 * copied once and freed at once, on the thread that delivered it (Netty's pooled buffers go back to
 * the pool they came from), and the reader on the other side handles a few large chunks instead of
 * many small ones. Chunks stay under half a G1 region, so they are never humongous.
 */
final class HeapChunks {

    /** The size of a chunk; a prefetch of {@code n} chunks holds {@code n} times this. */
    static final int CHUNK_BYTES = 256 * 1024;

    private HeapChunks() {}

    /** The bytes of {@code buffers}, in chunks of {@link #CHUNK_BYTES} (the last one shorter). */
    static Flux<DataBuffer> of(Flux<DataBuffer> buffers) {
        return of(buffers, CHUNK_BYTES);
    }

    static Flux<DataBuffer> of(Flux<DataBuffer> buffers, int chunkBytes) {
        return Flux.defer(
                () -> {
                    Chunk state = new Chunk(chunkBytes);
                    return buffers.<DataBuffer>handle(
                                    (buffer, sink) -> {
                                        try {
                                            DataBuffer full = state.add(buffer);
                                            if (full != null) {
                                                sink.next(full);
                                            }
                                        } finally {
                                            DataBufferUtils.release(buffer);
                                        }
                                    })
                            .concatWith(Mono.fromSupplier(state::rest));
                });
    }

    /** The chunk being filled; at most one full chunk is handed out per buffer added. */
    private static final class Chunk {
        private final int size;
        private byte[] bytes;
        private int length;

        Chunk(int size) {
            this.size = size;
        }

        DataBuffer add(DataBuffer buffer) {
            int n = buffer.readableByteCount();
            DataBuffer full = null;
            if (bytes != null && length + n > bytes.length) {
                int fit = bytes.length - length;
                buffer.read(bytes, length, fit);
                length += fit;
                n -= fit;
                full = take();
            }
            if (n > 0) {
                if (bytes == null) {
                    bytes = new byte[Math.max(size, n)];
                    length = 0;
                }
                buffer.read(bytes, length, n);
                length += n;
            }
            if (full == null && bytes != null && length == bytes.length) {
                full = take();
            }
            return full;
        }

        DataBuffer rest() {
            return bytes == null || length == 0 ? null : take();
        }

        private DataBuffer take() {
            DataBuffer chunk =
                    DefaultDataBufferFactory.sharedInstance.wrap(ByteBuffer.wrap(bytes, 0, length));
            bytes = null;
            length = 0;
            return chunk;
        }
    }
}
