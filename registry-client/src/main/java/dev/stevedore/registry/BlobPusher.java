package dev.stevedore.registry;

import dev.stevedore.oci.Descriptor;
import dev.stevedore.oci.ImageReference;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes one blob present in a repository: {@code HEAD} first (present: skipped), then a
 * cross-repository mount when a source repository is given (201: mounted; 202: the registry
 * opened an upload instead), else {@code POST /blobs/uploads/}; a blob up to the chunk size
 * goes up in one {@code PUT ?digest=}, a larger one in {@code PATCH} chunks with
 * {@code Content-Range}, resuming from the registry's {@code Range} (asked with a GET on the
 * upload) after a failure, then an empty {@code PUT ?digest=}.
 */
final class BlobPusher {
    private static final Pattern RANGE = Pattern.compile("(?:bytes=)?0-(\\d+)");

    private BlobPusher() {
    }

    static void push(Caller caller, Site site, ImageReference target, Descriptor blob, BlobSource source,
            Optional<String> mountFrom, long chunkSize, Action action) {
        String repository = target.repository();
        List<String> scopes = new ArrayList<>(Call.push(repository));
        mountFrom.filter(from -> !from.equals(repository)).ifPresent(from -> scopes.addAll(Call.pull(from)));
        String blobPath = "v2/" + repository + "/blobs/" + blob.digest();
        try (Response head = caller.expect(site, Call.of("HEAD", blobPath, scopes), action, Set.of(200, 404))) {
            if (head.status() == 200) {
                caller.events().emit(new RegistryEvent.BlobSkipped(target, blob.digest(), blob.size()));
                return;
            }
        }
        String start = "v2/" + repository + "/blobs/uploads/";
        Optional<String> from = mountFrom.filter(f -> !f.equals(repository));
        if (from.isPresent()) {
            start += "?mount=" + encode(blob.digest().toString()) + "&from=" + encode(from.get());
        }
        String location;
        try (Response started = caller.expect(site, Call.of("POST", start, scopes), action, Set.of(201, 202))) {
            if (started.status() == 201) {
                caller.events().emit(new RegistryEvent.BlobMounted(target, blob.digest(), from.orElseThrow()));
                return;
            }
            location = location(started, action);
        }
        caller.events().emit(new RegistryEvent.BlobStarted(target, blob.digest(), blob.size(), true));
        if (blob.size() <= chunkSize) {
            Call put = Call.of("PUT", withDigest(location, blob), scopes)
                    .header("Content-Type", "application/octet-stream")
                    .body(body(caller, target, blob, source, 0, blob.size()));
            caller.expect(site, put, action, Set.of(201, 204)).close();
        } else {
            location = chunks(caller, site, target, blob, source, location, scopes, chunkSize, action);
            caller.expect(site, Call.of("PUT", withDigest(location, blob), scopes), action, Set.of(201, 204)).close();
        }
        caller.events().emit(new RegistryEvent.BlobDone(target, blob.digest(), blob.size()));
    }

    private static String chunks(Caller caller, Site site, ImageReference target, Descriptor blob, BlobSource source,
            String location, List<String> scopes, long chunkSize, Action action) {
        long offset = 0;
        int failures = 0;
        while (offset < blob.size()) {
            long length = Math.min(chunkSize, blob.size() - offset);
            Call patch = Call.of("PATCH", location, scopes)
                    .header("Content-Type", "application/octet-stream")
                    .header("Content-Range", offset + "-" + (offset + length - 1))
                    .body(body(caller, target, blob, source, offset, length));
            String failure;
            try (Response response = caller.once(site, patch, action)) {
                if (response.status() == 202) {
                    location = location(response, action);
                    long end = rangeEnd(response).orElse(offset + length - 1);
                    offset = end + 1;
                    failures = 0;
                    continue;
                }
                if (!RetryPolicy.retryableStatus(response.status()) && response.status() != 416) {
                    throw ErrorMapper.map(response, action, scopes, caller.clock());
                }
                failure = "HTTP " + response.status();
            } catch (IOException e) {
                failure = Caller.describe(e);
            } catch (TokenUnavailable e) {
                failure = e.getMessage();
            }
            if (++failures >= caller.retry().maxAttempts()) {
                throw new RegistryUnavailableException(action.description(), action.target(), "uploading "
                        + blob.digest() + " failed at byte " + offset + ": " + failure, null);
            }
            caller.pause(action, failures, caller.retry().backoff(failures), failure);
            try (Response status = caller.expect(site, Call.get(location, scopes), action, Set.of(204, 200))) {
                location = status.header("Location").map(l -> status.uri().resolve(l.trim()))
                        .map(Object::toString).orElse(location);
                long acknowledged = offset;
                // "0-0" is what distribution says for an empty upload, too
                offset = rangeEnd(status).map(end -> end == 0 && acknowledged == 0 ? 0L : end + 1).orElse(0L);
            }
        }
        return location;
    }

    private static Optional<Long> rangeEnd(Response response) {
        Optional<String> range = response.header("Range");
        if (range.isEmpty()) {
            return Optional.empty();
        }
        Matcher matcher = RANGE.matcher(range.get().trim());
        return matcher.matches() ? Optional.of(Long.parseLong(matcher.group(1))) : Optional.empty();
    }

    private static String location(Response response, Action action) {
        String location = response.header("Location").orElseThrow(() -> new RegistryProtocolException(
                action.description(), action.target(), "the registry opened an upload without a Location", null));
        return response.uri().resolve(location.trim()).toString();
    }

    private static String withDigest(String location, Descriptor blob) {
        return location + (location.contains("?") ? "&" : "?") + "digest=" + encode(blob.digest().toString());
    }

    private static Call.Body body(Caller caller, ImageReference target, Descriptor blob, BlobSource source, long offset,
            long length) {
        return new Call.Body() {
            @Override
            public long length() {
                return length;
            }

            @Override
            public InputStream open() throws IOException {
                return new Progress(source.open(blob.digest(), offset), caller, target, blob, offset, length);
            }
        };
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** Reads at most {@code length} bytes and reports upload progress. */
    private static final class Progress extends FilterInputStream {
        private static final long STEP = 256 * 1024;
        private final Caller caller;
        private final ImageReference target;
        private final Descriptor blob;
        private long position;
        private long left;
        private long next;

        Progress(InputStream in, Caller caller, ImageReference target, Descriptor blob, long offset, long length) {
            super(in);
            this.caller = caller;
            this.target = target;
            this.blob = blob;
            this.position = offset;
            this.left = length;
            this.next = offset + STEP;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (left <= 0) {
                return -1;
            }
            int n = in.read(buffer, offset, (int) Math.min(length, left));
            if (n > 0) {
                left -= n;
                position += n;
                if (position >= next || left == 0) {
                    next = position + STEP;
                    caller.events().emit(new RegistryEvent.BlobProgress(target, blob.digest(), position, blob.size()));
                }
            }
            return n;
        }
    }
}
