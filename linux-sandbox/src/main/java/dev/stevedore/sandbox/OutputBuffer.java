package dev.stevedore.sandbox;

import java.io.ByteArrayOutputStream;

/** The last {@link #CAP} bytes a stream produced, for {@link Sandbox#stdout()} and friends. */
final class OutputBuffer {
    static final int CAP = 8 << 20;

    private byte[] data = new byte[0];
    private long total;

    synchronized void append(byte[] chunk) {
        total += chunk.length;
        if (data.length + chunk.length <= CAP) {
            ByteArrayOutputStream b = new ByteArrayOutputStream(data.length + chunk.length);
            b.writeBytes(data);
            b.writeBytes(chunk);
            data = b.toByteArray();
            return;
        }
        byte[] next = new byte[CAP];
        int fromChunk = Math.min(chunk.length, CAP);
        int fromOld = CAP - fromChunk;
        System.arraycopy(data, data.length - fromOld, next, 0, fromOld);
        System.arraycopy(chunk, chunk.length - fromChunk, next, fromOld, fromChunk);
        data = next;
    }

    synchronized byte[] snapshot() {
        return data.clone();
    }

    synchronized long total() {
        return total;
    }
}
