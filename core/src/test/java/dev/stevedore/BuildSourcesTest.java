package dev.stevedore;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class BuildSourcesTest {

    @Test
    void urlFileNamesAreTheLastPathSegment() {
        assertThat(BuildAddUrl.fileName("https://example.com/dl/tool-1.2.tar.gz?x=1#y")).isEqualTo("tool-1.2.tar.gz");
        assertThat(BuildAddUrl.fileName("http://127.0.0.1:8080/a%20b.txt")).isEqualTo("a b.txt");
        assertThat(BuildAddUrl.fileName("http://127.0.0.1:8080/dir/")).isEqualTo("dir");
        assertThat(BuildAddUrl.fileName("http://127.0.0.1:8080")).isEqualTo("index");
        assertThat(BuildAddUrl.fileName("http://127.0.0.1:8080/")).isEqualTo("index");
    }

    @Test
    void gitSourcesAreRecognisedAndPlainUrlsAreNot() {
        assertThat(BuildAddUrl.isGit("git@github.com:moby/buildkit.git")).isTrue();
        assertThat(BuildAddUrl.isGit("git://example.com/repo")).isTrue();
        assertThat(BuildAddUrl.isGit("https://example.com/org/repo.git#v1.0")).isTrue();
        assertThat(BuildAddUrl.isGit("github.com/moby/buildkit")).isTrue();
        assertThat(BuildAddUrl.isGit("https://example.com/file.txt")).isFalse();
        assertThat(BuildAddUrl.isGit("src/app.git-notes")).isFalse();
        assertThat(BuildAddUrl.isUrl("HTTPS://example.com/x")).isTrue();
        assertThat(BuildAddUrl.isUrl("./http://x")).isFalse();
    }

    @Test
    void parentsSplitAtTheFirstPivot() {
        assertThat(BuildCopyParents.Pivot.of("a/b/*.txt")).isEqualTo(new BuildCopyParents.Pivot("", "a/b/*.txt"));
        assertThat(BuildCopyParents.Pivot.of("./x/./y/z.txt")).isEqualTo(new BuildCopyParents.Pivot("x", "y/z.txt"));
        assertThat(BuildCopyParents.Pivot.of("/srv/./app/conf").full()).isEqualTo("srv/app/conf");
        assertThat(BuildCopyParents.Pivot.of("../../etc/./passwd")).isEqualTo(new BuildCopyParents.Pivot("etc", "passwd"));
    }

    @Test
    void lastModifiedIsReadAsAnHttpDate() {
        assertThat(BuildUrlDownload.httpDate("Wed, 21 Oct 2015 07:28:00 GMT"))
                .contains(Instant.parse("2015-10-21T07:28:00Z"));
        assertThat(BuildUrlDownload.httpDate("yesterday")).isEmpty();
    }
}
