package org.minka.submission;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.NettyDataBufferFactory;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

class HeapChunksTests {

    private final NettyDataBufferFactory netty =
            new NettyDataBufferFactory(new UnpooledByteBufAllocator(true));

    private static byte[] bytes(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    private static byte[] read(DataBuffer buffer) {
        byte[] b = new byte[buffer.readableByteCount()];
        buffer.read(b);
        return b;
    }

    @Test
    void ofWhenBuffersOfMixedSizesThenSameBytesInFullChunksAndNetworkBuffersReleased() {
        byte[] data = bytes(100_000, 1);
        int[] cuts = {0, 1, 7, 7, 4096, 10_000, 10_003, 50_000, 99_999, 100_000};
        List<ByteBuf> sent = new ArrayList<>();
        List<DataBuffer> in = new ArrayList<>();
        for (int i = 1; i < cuts.length; i++) {
            DataBuffer b = netty.allocateBuffer(cuts[i] - cuts[i - 1]);
            b.write(data, cuts[i - 1], cuts[i] - cuts[i - 1]);
            sent.add(NettyDataBufferFactory.toByteBuf(b));
            in.add(b);
        }
        List<DataBuffer> out = HeapChunks.of(Flux.fromIterable(in), 16_384).collectList().block();
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        for (int i = 0; i < out.size(); i++) {
            int size = out.get(i).readableByteCount();
            if (i < out.size() - 1) {
                assertThat(size).isGreaterThanOrEqualTo(16_384);
            }
            joined.writeBytes(read(out.get(i)));
        }
        assertThat(joined.toByteArray()).isEqualTo(data);
        assertThat(sent).allSatisfy(b -> assertThat(b.refCnt()).isZero());
    }

    @Test
    void ofWhenOneBufferIsLargerThanAChunkThenItIsKeptWhole() {
        byte[] big = bytes(40_000, 2);
        byte[] small = bytes(100, 3);
        List<DataBuffer> out =
                HeapChunks.of(
                                Flux.just(
                                        netty.wrap(small.clone()),
                                        netty.wrap(big.clone()),
                                        netty.wrap(small.clone())),
                                16_384)
                        .collectList()
                        .block();
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        out.forEach(b -> joined.writeBytes(read(b)));
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        expected.writeBytes(small);
        expected.writeBytes(big);
        expected.writeBytes(small);
        assertThat(joined.toByteArray()).isEqualTo(expected.toByteArray());
    }

    @Test
    void ofWhenEmptyOrErrorThenNothingOrTheError() {
        StepVerifier.create(HeapChunks.of(Flux.empty())).verifyComplete();
        StepVerifier.create(HeapChunks.of(Flux.just(netty.wrap(new byte[0])))).verifyComplete();
        DataBuffer first = netty.wrap(bytes(10, 4));
        StepVerifier.create(
                        HeapChunks.of(
                                Flux.just(first)
                                        .concatWith(Flux.error(new IllegalStateException("cut")))))
                .verifyErrorMessage("cut");
        assertThat(NettyDataBufferFactory.toByteBuf(first).refCnt()).isZero();
    }
}
