package dev.stevedore.examples.cli;

import dev.stevedore.registry.RegistryEvent;
import dev.stevedore.registry.RegistryListener;
import java.io.PrintWriter;

/**
 * Pull and push progress as Docker prints it: one line per layer event (plain), or, on a
 * terminal, a bar for the layer in flight redrawn in place.
 *
 * <pre>{@code
 * 5aca51a9b7cc: Pulling fs layer
 * 5aca51a9b7cc: Pull complete
 * }</pre>
 */
final class TransferProgress implements RegistryListener {
    private static final int BAR = 40;

    private final PrintWriter out;
    private final boolean tty;
    private boolean midLine;
    private boolean uploading;

    TransferProgress(PrintWriter out, boolean tty) {
        this.out = out;
        this.tty = tty;
    }

    @Override
    public synchronized void on(RegistryEvent event) {
        if (event instanceof RegistryEvent.BlobStarted s) {
            line(id(s.digest().toString()) + ": " + (s.upload() ? "Preparing" : "Pulling fs layer"));
        } else if (event instanceof RegistryEvent.BlobProgress p && tty) {
            out.print("\r" + id(p.digest().toString()) + ": " + bar(p.bytes(), p.size()));
            out.flush();
            midLine = true;
        } else if (event instanceof RegistryEvent.BlobDone d) {
            line(id(d.digest().toString()) + ": " + (uploading ? "Pushed" : "Pull complete"));
        } else if (event instanceof RegistryEvent.BlobSkipped s) {
            line(id(s.digest().toString()) + ": " + (uploading ? "Layer already exists" : "Already exists"));
        } else if (event instanceof RegistryEvent.BlobMounted m) {
            line(id(m.digest().toString()) + ": Mounted from " + m.from());
        }
    }

    /** Sets whether blobs go up (push) or down (pull), for the words Docker uses. */
    synchronized TransferProgress uploading(boolean value) {
        uploading = value;
        return this;
    }

    private void line(String text) {
        if (midLine) {
            out.print("\r\033[K");
            midLine = false;
        }
        out.println(text);
        out.flush();
    }

    static String bar(long bytes, long size) {
        if (size <= 0) {
            return Human.size(bytes);
        }
        int filled = (int) Math.min(BAR, bytes * BAR / size);
        String arrow = filled < BAR ? ">" : "";
        return "[" + "=".repeat(Math.max(0, filled - arrow.length())) + arrow + " ".repeat(BAR - filled) + "]  "
                + Human.size(bytes) + "/" + Human.size(size);
    }

    private static String id(String digest) {
        return Listings.shortImageId(digest);
    }
}
