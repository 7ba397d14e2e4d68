package dev.stevedore.registry;

import dev.stevedore.oci.ContentVerificationIOException;
import dev.stevedore.oci.Descriptor;
import dev.stevedore.oci.ImageReference;
import dev.stevedore.oci.VerifyingInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Set;

/**
 * {@code GET /v2/<name>/blobs/<digest>} streamed into the caller's {@link BlobTarget}
 * through digest and size verification ({@link VerifyingInputStream}: at most size + 1 bytes
 * are read), resuming with {@code Range} after a dropped connection. The target is committed
 * only when everything matched; otherwise it is aborted and a typed exception thrown.
 */
final class BlobPuller {
    private static final int BUFFER = 128 * 1024;
    private static final long PROGRESS_STEP = 256 * 1024;

    private BlobPuller() {
    }

    static void pull(Caller caller, Site site, ImageReference repository, Descriptor blob, BlobSink sink, Action action) {
        Call call = Call.get("v2/" + repository.repository() + "/blobs/" + blob.digest(), Call.pull(repository.repository()));
        try (BlobTarget target = sink.open(blob)) {
            boolean committed = false;
            try {
                Response first = caller.expect(site, call, action, Set.of(200));
                caller.events().emit(new RegistryEvent.BlobStarted(repository, blob.digest(), blob.size(), false));
                try (ResumingStream body = new ResumingStream(caller, site, call, action, first, target::written,
                        blob.size());
                        VerifyingInputStream in = VerifyingInputStream.of(body, blob.digest(), blob.size())) {
                    copy(caller, repository, blob, in, target);
                }
                target.commit();
                committed = true;
                caller.events().emit(new RegistryEvent.BlobDone(repository, blob.digest(), blob.size()));
            } catch (ContentVerificationIOException e) {
                throw new ContentMismatchException(action.description(), action.target(), blob.digest(),
                        e.failure().getMessage(), e.failure());
            } catch (SinkFailure e) {
                throw new RegistryException(action.description(), action.target(), e.getMessage(), e.getCause());
            } catch (IOException e) {
                throw new RegistryUnavailableException(action.description(), action.target(), "the download broke"
                        + " off: " + Caller.describe(e), e);
            } finally {
                if (!committed) {
                    target.abort();
                }
            }
        }
    }

    private static void copy(Caller caller, ImageReference repository, Descriptor blob, VerifyingInputStream in,
            BlobTarget target) throws IOException {
        OutputStream out = target.stream();
        byte[] buffer = new byte[BUFFER];
        long total = 0;
        long nextProgress = PROGRESS_STEP;
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            try {
                out.write(buffer, 0, n);
            } catch (IOException e) {
                throw new SinkFailure(e);
            }
            total += n;
            if (total >= nextProgress) {
                nextProgress = total + PROGRESS_STEP;
                caller.events().emit(new RegistryEvent.BlobProgress(repository, blob.digest(), total, blob.size()));
            }
        }
        caller.events().emit(new RegistryEvent.BlobProgress(repository, blob.digest(), total, blob.size()));
    }

    /** The sink failed to take bytes: not a network problem, never retried. */
    static final class SinkFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        SinkFailure(IOException cause) {
            super("the blob sink failed: " + cause.getMessage(), cause);
        }
    }
}
