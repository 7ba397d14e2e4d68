package dev.stevedore.bench;

import dev.stevedore.dockerfile.BuildArgs;
import dev.stevedore.dockerfile.Dockerfile;
import dev.stevedore.dockerfile.Lint;
import dev.stevedore.dockerfile.LintResult;
import dev.stevedore.dockerfile.Platform;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Dockerfile front end costs: parsing plus ARG/ENV scoping of every instruction of a typical
 * 60-line multi-stage Dockerfile (target: under 50 µs), its parts, linting it, and parse time
 * for 10 KB to 10 MB files to show that parsing scales linearly.
 *
 * <pre>
 * cd /work/main &amp;&amp; mvn -B -q -pl dockerfile-parser install -DskipTests
 * mvn -B -q -Pbench -pl bench -DskipTests package
 * java -jar bench/target/benchmarks.jar DockerfileParseBench -f 1 -wi 3 -i 5
 * </pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class DockerfileParseBench {

    /** A typical multi-stage Dockerfile: 60 lines, Go build, tests, distroless result. */
    static final String TYPICAL = """
            # syntax=docker/dockerfile:1
            # check=skip=SecretsUsedInArgOrEnv
            ARG GO_VERSION=1.22
            ARG ALPINE_VERSION=3.20
            ARG APP=server

            # build the binary
            FROM --platform=$BUILDPLATFORM golang:${GO_VERSION}-alpine${ALPINE_VERSION} AS build
            ARG TARGETOS
            ARG TARGETARCH
            ARG APP
            ARG VERSION=dev
            ENV CGO_ENABLED=0 \\
                GOFLAGS="-trimpath -mod=readonly" \\
                GOCACHE=/root/.cache/go-build
            WORKDIR /src
            COPY go.mod go.sum ./
            RUN --mount=type=cache,target=/go/pkg/mod \\
                go mod download
            COPY . .
            RUN --mount=type=cache,target=/go/pkg/mod \\
                --mount=type=cache,target=${GOCACHE} \\
                GOOS=$TARGETOS GOARCH=$TARGETARCH go build \\
                  -ldflags "-s -w -X main.version=${VERSION}" \\
                  -o /out/${APP} ./cmd/${APP}

            # run the tests
            FROM build AS test
            ENV GOTESTFLAGS="-race -count=1"
            RUN --mount=type=cache,target=/go/pkg/mod \\
                --mount=type=cache,target=${GOCACHE} \\
                go test ${GOTESTFLAGS} ./...

            FROM golangci/golangci-lint:v1.59 AS lint
            WORKDIR /src
            COPY --from=build /src /src
            RUN golangci-lint run --timeout 5m

            # certificates and time zones
            FROM alpine:${ALPINE_VERSION} AS certs
            RUN apk add --no-cache ca-certificates tzdata

            # the image
            FROM gcr.io/distroless/static-debian12:nonroot AS release
            ARG APP
            ARG VERSION=dev
            LABEL org.opencontainers.image.title="${APP}" \\
                  org.opencontainers.image.version="${VERSION}" \\
                  org.opencontainers.image.source="https://example.com/${APP}"
            COPY --from=certs /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/
            COPY --from=certs /usr/share/zoneinfo /usr/share/zoneinfo
            COPY --from=build --chown=65532:65532 /out/${APP} /usr/local/bin/app
            ENV TZ=UTC APP_PORT=8080
            USER 65532:65532
            WORKDIR /home/nonroot
            EXPOSE ${APP_PORT}/tcp
            HEALTHCHECK --interval=30s --timeout=3s CMD ["/usr/local/bin/app", "health"]
            ENTRYPOINT ["/usr/local/bin/app"]
            CMD ["serve"]
            """;

    private static final BuildArgs ARGS = BuildArgs.of(Map.of("VERSION", "1.4.2", "HTTP_PROXY", "http://proxy:3128"))
            .withPlatform(Platform.parse("linux/arm64")).withBuildPlatform(Platform.parse("linux/amd64"));

    /** The typical file, parsed once for the benchmarks that start after parsing. */
    @State(Scope.Benchmark)
    public static class Typical {
        Dockerfile parsed;

        /** Parses the file. */
        @Setup(Level.Trial)
        public void setUp() {
            parsed = Dockerfile.parse("Dockerfile", TYPICAL);
        }
    }

    /** A file of about {@code bytes} bytes: the typical file repeated, stage names numbered. */
    @State(Scope.Benchmark)
    public static class Sized {
        /** Target size in bytes. */
        @Param({"10240", "102400", "1048576", "10485760"})
        public int bytes;

        byte[] content;

        /** Builds the file. */
        @Setup(Level.Trial)
        public void setUp() {
            content = sized(bytes).getBytes(StandardCharsets.UTF_8);
        }
    }

    static String sized(int bytes) {
        String body = TYPICAL.substring(TYPICAL.indexOf("# build the binary"));
        StringBuilder out = new StringBuilder(bytes + TYPICAL.length());
        out.append(TYPICAL, 0, TYPICAL.indexOf("# build the binary"));
        for (int copy = 0; out.length() < bytes; copy++) {
            out.append(body.replace(" AS build", " AS build" + copy).replace("FROM build ", "FROM build" + copy + " ")
                    .replace("--from=build ", "--from=build" + copy + " ").replace(" AS test", " AS test" + copy)
                    .replace(" AS lint", " AS lint" + copy).replace(" AS certs", " AS certs" + copy)
                    .replace("--from=certs ", "--from=certs" + copy + " ").replace(" AS release", " AS release" + copy));
        }
        return out.toString();
    }

    /**
     * Parse, then scope every instruction of every stage (the work before a build runs).
     *
     * @return the scope
     */
    @Benchmark
    public dev.stevedore.dockerfile.Scope parseAndScope() {
        return dev.stevedore.dockerfile.Scope.resolve(Dockerfile.parse("Dockerfile", TYPICAL), ARGS);
    }

    /**
     * Parsing alone.
     *
     * @return the file
     */
    @Benchmark
    public Dockerfile parse() {
        return Dockerfile.parse("Dockerfile", TYPICAL);
    }

    /**
     * Scoping alone, of a parsed file.
     *
     * @param typical the parsed file
     * @return the scope
     */
    @Benchmark
    public dev.stevedore.dockerfile.Scope scope(Typical typical) {
        return dev.stevedore.dockerfile.Scope.resolve(typical.parsed, ARGS);
    }

    /**
     * Every lint check over all stages, of a parsed file.
     *
     * @param typical the parsed file
     * @return the findings
     */
    @Benchmark
    public LintResult lint(Typical typical) {
        return Lint.check(typical.parsed);
    }

    /**
     * Parse time by size, from UTF-8 bytes as a file is read.
     *
     * @param sized the content
     * @return the file
     */
    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public Dockerfile parseSized(Sized sized) {
        return Dockerfile.parse("Dockerfile", sized.content);
    }
}
