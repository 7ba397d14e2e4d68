package dev.stevedore.dockerfile;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Real Dockerfiles from official images and BuildKit itself (see resources/corpus/SOURCES.md). */
class CorpusTest {

    static Stream<Path> corpus() throws IOException {
        Path root = TestFiles.resource("/corpus");
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().equals("SOURCES.md"))
                    .sorted().toList().stream();
        }
    }

    @Test
    void holdsAFewHundredFiles() throws IOException {
        assertThat(corpus().count()).isGreaterThan(300);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void parsesDumpsAndRoundTripsEveryFile(Path file) {
        // given
        byte[] bytes = TestFiles.bytes(file);

        // when
        Dockerfile df = Dockerfile.parse(file.getFileName().toString(), bytes);
        String printed = df.format();
        Dockerfile reparsed = Dockerfile.parse("printed", printed);

        // then
        assertThat(df.dump()).isEqualTo(Dockerfile.dumpSyntax("syntax", bytes));
        assertThat(PrinterTest.withoutLines(reparsed)).isEqualTo(PrinterTest.withoutLines(df));
        assertThat(reparsed.format()).isEqualTo(printed);
    }
}
