package dev.stevedore.sandbox;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/** Reads the frames stevedore-init writes to its stdout: {@code [u8 type][u32 length][payload]}. */
final class EventReader {
    static final int READY = 1, ERROR = 2, STDOUT = 3, STDERR = 4, EXIT = 5;
    private static final int MAX_PAYLOAD = 1 << 20;

    /** One frame. */
    record Event(int type, byte[] payload) {
        int u32(int at) {
            return (payload[at] & 0xff) | (payload[at + 1] & 0xff) << 8 | (payload[at + 2] & 0xff) << 16
                    | (payload[at + 3] & 0xff) << 24;
        }
    }

    private final DataInputStream in;

    EventReader(InputStream in) {
        this.in = new DataInputStream(in);
    }

    /** @return the next frame, or empty when the shim closed its end */
    Optional<Event> next() throws IOException {
        int type = in.read();
        if (type < 0) {
            return Optional.empty();
        }
        byte[] len = new byte[4];
        try {
            in.readFully(len);
            int length = (len[0] & 0xff) | (len[1] & 0xff) << 8 | (len[2] & 0xff) << 16 | (len[3] & 0xff) << 24;
            if (length < 0 || length > MAX_PAYLOAD) {
                throw new IOException("stevedore-init sent a frame of " + Integer.toUnsignedString(length) + " bytes");
            }
            byte[] payload = new byte[length];
            in.readFully(payload);
            return Optional.of(new Event(type, payload));
        } catch (EOFException e) {
            throw new IOException("stevedore-init closed its output in the middle of a frame", e);
        }
    }
}
