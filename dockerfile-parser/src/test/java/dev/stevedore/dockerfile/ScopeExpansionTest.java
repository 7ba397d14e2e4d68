package dev.stevedore.dockerfile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which words of each instruction BuildKit expands, and how the expanded instruction reads. */
class ScopeExpansionTest {

    /** The stage's variables: U=1000 G=staff M=0755 P=8080 D=/srv N="a,b". */
    private static final String HEAD = "FROM scratch\nENV U=1000 G=staff M=0755 P=8080 D=/srv N=\"a,b\" S=SIGTERM\n";

    private static Instruction expanded(String instruction) {
        Scope s = ScopeTest.scope(HEAD + instruction + "\n");
        List<ScopedInstruction> all = s.stages().get(0).instructions();
        return all.get(all.size() - 1).expanded();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "WORKDIR $D/app                    | /srv/app",
        "WORKDIR \"$D/a b\"                  | /srv/a b",
        "WORKDIR '$D'                      | $D",
        "USER $U:$G                        | 1000:staff",
        "STOPSIGNAL $S                     | SIGTERM",
    })
    void expandsSingleWordInstructions(String instruction, String expected) {
        // when
        Instruction i = expanded(instruction);

        // then
        String value = i instanceof Instruction.Workdir w ? w.path()
                : i instanceof Instruction.User u ? u.user() : ((Instruction.Stopsignal) i).signal();
        assertThat(value).isEqualTo(expected);
    }

    @Test
    void expandsCopyFlagsSourcesAndDestinationButNotFromOrExclude() {
        // when
        Instruction.Copy c = (Instruction.Copy) expanded(
                "COPY --from=alpine --chown=$U:$G --chmod=$M --exclude=$D/*.tmp $D/a ${D}/b $D/");

        // then
        assertThat(c.flags()).containsExactly("--from=alpine", "--chown=1000:staff", "--chmod=0755",
                "--exclude=$D/*.tmp");
        assertThat(c.sources()).containsExactly("/srv/a", "/srv/b");
        assertThat(c.destination()).isEqualTo("/srv/");
        assertThat(c.chown()).contains("1000:staff");
    }

    @Test
    void expandsAddChecksum() {
        // when
        Instruction.Add a = (Instruction.Add) ScopeTest.at(ScopeTest.scope("FROM scratch\nARG SUM=sha256:abc\n"
                + "ADD --checksum=$SUM https://example.com/x.tgz /x\n"), 3).expanded();

        // then
        assertThat(a.checksum()).contains("sha256:abc");
        assertThat(a.sources()).containsExactly("https://example.com/x.tgz");
    }

    @Test
    void expandsHeredocBodiesThatExpandWithQuotesKept() {
        // when
        Instruction.Copy c = (Instruction.Copy) expanded("COPY <<-EOF <<'RAW' $D/\n\t\"$U\" '$G'\n\tEOF\n$U\nRAW");

        // then
        assertThat(c.sources()).containsExactly("<<-EOF", "<<'RAW'");
        assertThat(c.destination()).isEqualTo("/srv/");
        assertThat(c.heredocs()).extracting(Heredoc::content).containsExactly("\"1000\" 'staff'\n", "$U\n");
        assertThat(c.heredocs().get(0).chomp()).as("tabs already removed").isFalse();
        assertThat(c.heredocSources()).extracting(Heredoc::content).containsExactly("\"1000\" 'staff'\n", "$U\n");
    }

    @Test
    void expandsEachMountOptionAndQuotesWhatNeedsIt() {
        // when
        Instruction.Run r = (Instruction.Run) expanded(
                "RUN --mount=type=cache,target=$D/cache,id=$N,uid=$U --network=none make $D");

        // then
        assertThat(r.flags()).containsExactly("--mount=type=cache,target=/srv/cache,\"id=a,b\",uid=1000",
                "--network=none");
        Mount m = r.mounts().get(0);
        assertThat(m.target()).contains("/srv/cache");
        assertThat(m.id()).contains("a,b");
        assertThat(m.uid()).hasValue(1000);
        assertThat(r.command().arguments()).containsExactly("make $D");
    }

    @Test
    void splitsExposeWordsAndKeepsAnEmptyWordForNothing() {
        assertThat(((Instruction.Expose) ScopeTest.at(ScopeTest.scope("FROM scratch\nENV P=\"80 443\"\n"
                + "EXPOSE 8080/tcp $P\n"), 3).expanded()).ports()).containsExactly("8080/tcp", "80", "443");
        assertThat(((Instruction.Expose) expanded("EXPOSE $NOPE")).ports()).containsExactly("");
    }

    @Test
    void expandsEnvLabelAndVolumeWords() {
        assertThat(((Instruction.Label) expanded("LABEL \"app.$G\"=\"v$U\" b=$N")).labels())
                .containsExactly(new KeyValue("app.staff", "v1000"), new KeyValue("b", "a,b"));
        assertThat(((Instruction.Volume) expanded("VOLUME [\"$D/data\", \"/logs\"]")).paths())
                .containsExactly("/srv/data", "/logs");
        assertThat(((Instruction.Env) expanded("ENV legacy $D/x")).variables())
                .containsExactly(new KeyValue("legacy", "/srv/x"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "RUN echo $D",
        "CMD echo $D",
        "ENTRYPOINT [\"$D\"]",
        "SHELL [\"/bin/sh\", \"-c\"]",
        "HEALTHCHECK CMD curl $D",
        "MAINTAINER $U",
        "ONBUILD RUN echo $D",
    })
    void leavesCommandsToTheShell(String instruction) {
        // given
        Scope s = ScopeTest.scope(HEAD + instruction + "\n");

        // when
        ScopedInstruction i = ScopeTest.at(s, 3);

        // then
        assertThat(i.expanded()).isSameAs(i.instruction());
        assertThat(i.unsetVariables()).isEmpty();
    }

    @Test
    void everyRunGetsTheStageEnvironment() {
        // when
        ScopedInstruction run = ScopeTest.at(ScopeTest.scope(HEAD + "RUN env\n"), 3);

        // then
        assertThat(run.env()).containsEntry("D", "/srv").containsEntry("N", "a,b").containsKey("PATH");
        assertThat(run.proxyEnv()).isEqualTo(Map.of());
    }
}
