package dev.stevedore.registry;

import dev.stevedore.oci.Descriptor;
import dev.stevedore.oci.Digest;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** A sink in memory that remembers what was committed and aborted, like the layer store's ingest. */
final class MemorySink implements BlobSink {
    final Map<Digest, byte[]> committed = new ConcurrentHashMap<>();
    final Set<Digest> present = ConcurrentHashMap.newKeySet();
    final List<Digest> aborted = new CopyOnWriteArrayList<>();
    final AtomicInteger opened = new AtomicInteger();
    final AtomicInteger closed = new AtomicInteger();
    volatile long largestWrite;

    @Override
    public boolean contains(Digest digest) {
        return present.contains(digest) || committed.containsKey(digest);
    }

    @Override
    public BlobTarget open(Descriptor expected) {
        opened.incrementAndGet();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        return new BlobTarget() {
            private boolean done;

            @Override
            public OutputStream stream() {
                return bytes;
            }

            @Override
            public long written() {
                return bytes.size();
            }

            @Override
            public void commit() {
                done = true;
                committed.put(expected.digest(), bytes.toByteArray());
            }

            @Override
            public void abort() {
                done = true;
                largestWrite = Math.max(largestWrite, bytes.size());
                aborted.add(expected.digest());
            }

            @Override
            public void close() {
                if (!done) {
                    abort();
                }
                closed.incrementAndGet();
            }
        };
    }
}
