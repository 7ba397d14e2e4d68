package dev.stevedore;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stevedore.layerstore.LayerRef;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;

class BuildSecretsIT extends BuildFixture {

    @Test
    void aSecretIsVisibleOnlyDuringItsRunAndNeverInALayer() throws IOException {
        // given
        String dockerfile = """
                FROM %s
                RUN --mount=type=secret,id=token cat /run/secrets/token > /seen.txt
                RUN --mount=type=secret,id=token,env=TOKEN echo "env:$TOKEN" > /env.txt
                RUN test ! -e /run/secrets/token && echo absent > /after.txt
                """.formatted(busybox);

        // when
        Image image = build(dockerfile).secret("token", "s3cr3t").build();

        // then
        assertThat(run(image, "cat /seen.txt; echo; cat /env.txt /after.txt; ls -a /run 2>&1 | grep -c secrets; true"))
                .isEqualTo("s3cr3t\nenv:s3cr3t\nabsent\n0\n");
        List<String> entries = new ArrayList<>();
        for (LayerRef layer : image.layers().subList(1, image.layers().size())) {
            entries.addAll(entries(layer));
        }
        assertThat(entries).contains("seen.txt", "env.txt", "after.txt")
                .noneMatch(e -> e.contains("secrets") || e.startsWith("etc/") || e.startsWith("proc"));
    }

    @Test
    void aMissingRequiredSecretFailsTheStep() {
        String dockerfile = "FROM " + busybox + "\nRUN --mount=type=secret,id=nope,required=true true\n";
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> build(dockerfile).build())
                .isInstanceOf(BuildException.class).hasMessageContaining("secret nope not found");
    }

    private List<String> entries(LayerRef layer) throws IOException {
        List<String> names = new ArrayList<>();
        try (InputStream in = engine.store().blobs().open(layer.blob().digest());
                TarArchiveInputStream tar = new TarArchiveInputStream(new GZIPInputStream(in))) {
            for (TarArchiveEntry e; (e = tar.getNextEntry()) != null; ) {
                names.add(e.getName().replaceFirst("^\\./", ""));
            }
        }
        return names;
    }
}
