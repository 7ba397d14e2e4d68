package dev.stevedore.registry;

import java.io.IOException;
import java.io.InputStream;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A blob body that survives dropped connections and idle timeouts: after a failed read it
 * waits (per the retry policy), asks again with {@code Range: bytes=<written>-} where
 * {@code written} is what the target holds, checks that a 206 starts there (a 200 is skipped
 * forward), and goes on. Gives up after the policy's attempts without progress.
 */
final class ResumingStream extends InputStream {
    private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (\\d+)-(\\d+)/(\\d+|\\*)");

    private final Caller caller;
    private final Site site;
    private final Call call;
    private final Action action;
    private final LongSupplier written;
    private final long size;
    private Response current;
    private long position;
    private int failures;
    private int resumes;

    ResumingStream(Caller caller, Site site, Call call, Action action, Response first, LongSupplier written, long size) {
        this.caller = caller;
        this.site = site;
        this.call = call;
        this.action = action;
        this.current = first;
        this.written = written;
        this.size = size;
    }

    int resumes() {
        return resumes;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        while (true) {
            try {
                int n = current.body().read(buffer, offset, length);
                if (n > 0) {
                    position += n;
                    failures = 0;
                }
                return n;
            } catch (IOException e) {
                current.close();
                if (position >= size) {
                    return -1; // everything arrived; the verifier decides
                }
                if (++failures >= caller.retry().maxAttempts()) {
                    throw e;
                }
                caller.pause(action, failures, caller.retry().backoff(failures), Caller.describe(e));
                reopen();
            }
        }
    }

    private void reopen() throws IOException {
        long from = written.getAsLong();
        if (from != position) {
            throw new IOException("the target holds " + from + " bytes but " + position + " were read");
        }
        Response response = caller.expect(site, call.header("Range", "bytes=" + from + "-"), action, Set.of(200, 206));
        resumes++;
        if (response.status() == 206) {
            String range = response.header("Content-Range").orElse("");
            Matcher matcher = CONTENT_RANGE.matcher(range.trim());
            if (!matcher.matches() || Long.parseLong(matcher.group(1)) != from) {
                response.close();
                throw new RegistryProtocolException(action.description(), action.target(), "asked for bytes from "
                        + from + " but the registry sent Content-Range \"" + range + "\"", null);
            }
        } else {
            long skipped = 0;
            try {
                skipped = response.body().skip(from);
                while (skipped < from) {
                    if (response.body().read() < 0) {
                        break;
                    }
                    skipped++;
                    skipped += response.body().skip(from - skipped);
                }
            } catch (IOException e) {
                response.close();
                throw e;
            }
            if (skipped < from) {
                response.close();
                throw new IOException("the registry ignored Range and sent fewer than " + from + " bytes");
            }
        }
        current = response;
    }

    @Override
    public void close() {
        current.close();
    }
}
