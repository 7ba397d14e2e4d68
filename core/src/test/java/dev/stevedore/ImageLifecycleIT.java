package dev.stevedore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.stevedore.oci.History;
import dev.stevedore.testing.BusyboxImage;
import dev.stevedore.testing.HermeticHome;
import dev.stevedore.testing.LocalRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Tag, push, list, inspect, remove and prune against a real registry. */
@ExtendWith(HermeticHome.class)
class ImageLifecycleIT {
    @RegisterExtension
    static LocalRegistry registry = LocalRegistry.anonymous();

    static BusyboxImage busybox;
    static String ref;

    @TempDir
    Path home;
    Stevedore engine;

    @BeforeAll
    static void seed() {
        busybox = BusyboxImage.shared();
        ref = busybox.pushTo(registry, "life/busybox:latest");
    }

    @BeforeEach
    void openEngine() {
        engine = Stevedore.builder().home(home).build();
    }

    @AfterEach
    void closeEngine() {
        engine.close();
    }

    @Test
    void tagsAnImageLocally() {
        // given
        Image image = engine.images().pull(ref);

        // when
        Image tagged = image.tag("mine:1");

        // then
        assertThat(tagged.references()).containsExactly("docker.io/library/mine:1", ref);
        assertThat(tagged.id()).isEqualTo(image.id());
        assertThat(engine.images().inspect("mine:1").id()).isEqualTo(image.id());
        assertThat(engine.store().refs().list()).containsKeys("docker.io/library/mine:1", ref);
        assertThat(engine.images().list()).singleElement()
                .satisfies(i -> assertThat(i.references()).containsExactly(ref, "docker.io/library/mine:1"));
    }

    @Test
    void refusesToTagWithADigest() {
        Image image = engine.images().pull(ref);

        assertThatThrownBy(() -> image.tag("mine@" + busybox.manifestDigest()))
                .isInstanceOf(ImageReferenceException.class).hasMessageContaining("a tag cannot have a digest");
    }

    @Test
    void pushesToAnotherRepositoryAndReadsItBack() {
        // given
        Image image = engine.images().pull(ref);
        String target = registry.reference("life/copy:2");

        // when
        Image pushed = image.push(target);

        // then: the registry has the same manifest bytes, and a fresh engine pulls it
        assertThat(pushed.references()).first().isEqualTo(target);
        assertThat(registry.skopeo().tags("life/copy")).containsExactly("2");
        assertThat(registry.skopeo().inspect("life/copy:2").path("Digest").asText())
                .isEqualTo(busybox.manifestDigest().toString());
        try (Stevedore fresh = Stevedore.builder().home(home.resolve("fresh")).build()) {
            assertThat(fresh.images().pull(target).id()).isEqualTo(image.id());
        }
    }

    @Test
    void pushesATaggedImageUnderItsFirstReference() {
        // given
        String target = registry.reference("life/tagged:3");
        engine.images().pull(ref);

        // when
        engine.images().tag(ref, target).push();
        engine.images().push(target);

        // then
        assertThat(registry.skopeo().tags("life/tagged")).containsExactly("3");
    }

    @Test
    void saysWhyAPushFailed() {
        // given: a registry that is not running
        Image image = engine.images().pull(ref);
        String target = "127.0.0.1:1/nowhere:1";

        // when / then
        assertThatThrownBy(() -> image.push(target))
                .isInstanceOfSatisfying(PushException.class, e -> assertThat(e.reference()).isEqualTo(target))
                .hasMessageContaining("Tried to push " + image.id() + " to " + target);
    }

    @Test
    void inspectsConfigHistoryLayersAndSizes() throws Exception {
        // when
        engine.images().pull(ref);
        Image image = engine.images().inspect(ref);

        // then
        long layerSize = Files.size(busybox.blob(busybox.layerDigest()));
        long configSize = Files.size(busybox.blob(busybox.configDigest()));
        long manifestSize = Files.size(busybox.blob(busybox.manifestDigest()));
        assertThat(image.config().config().env()).isEqualTo(BusyboxImage.ENV);
        assertThat(image.config().created()).contains(BusyboxImage.CREATED);
        assertThat(image.history()).isNotEmpty().allSatisfy(h -> assertThat(h.created()).contains(BusyboxImage.CREATED));
        assertThat(image.history()).extracting(History::createdBy).isNotEmpty();
        assertThat(image.layers()).singleElement().satisfies(l -> assertThat(l.blob().size()).isEqualTo(layerSize));
        assertThat(image.manifest().size()).isEqualTo(manifestSize);
        assertThat(image.size()).isEqualTo(manifestSize + configSize + layerSize);
    }

    @Test
    void listsEveryImageOnceWithAllItsReferences() {
        // given
        engine.images().pull(ref);
        engine.images().tag(ref, "a:1");
        engine.images().tag(ref, "b:1");

        // then
        assertThat(engine.images().list()).singleElement().satisfies(i -> assertThat(i.references())
                .containsExactly(ref, "docker.io/library/a:1", "docker.io/library/b:1"));
    }

    @Test
    void untagsFirstAndDeletesWithTheLastReference() {
        // given
        engine.images().pull(ref);
        engine.images().tag(ref, "a:1");

        // when
        ImageRemoval untag = engine.images().remove("a:1");
        ImageRemoval delete = engine.images().remove(ref);

        // then
        assertThat(untag.untagged()).containsExactly("docker.io/library/a:1");
        assertThat(untag.deleted()).isEmpty();
        assertThat(delete.untagged()).containsExactly(ref);
        assertThat(delete.deleted()).containsExactly(busybox.configDigest().toString());
        assertThat(delete.bytesFreed()).isPositive();
        assertThat(engine.images().list()).isEmpty();
        assertThat(engine.store().blobs().contains(busybox.layerDigest())).isFalse();
    }

    @Test
    void refusesToRemoveByIdAnImageWithSeveralReferencesUnlessForced() {
        // given
        Image image = engine.images().pull(ref);
        engine.images().tag(ref, "a:1");

        // when / then
        assertThatThrownBy(() -> engine.images().remove(image.id()))
                .isInstanceOf(ImageInUseException.class).hasMessageContaining("has 2 references");
        ImageRemoval forced = engine.images().remove(image.id(), true);
        assertThat(forced.untagged()).containsExactlyInAnyOrder(ref, "docker.io/library/a:1");
        assertThat(forced.deleted()).containsExactly(image.id());
        assertThat(engine.images().list()).isEmpty();
    }

    @Test
    void refusesToRemoveAnImageAContainerHoldsUnlessForced() {
        // given: a container's hold on the image
        Image image = engine.images().pull(ref);
        engine.store().holds().put("container/x", Set.of(image.manifestDigest()), Set.of());

        // when / then
        assertThatThrownBy(() -> engine.images().remove(ref))
                .isInstanceOfSatisfying(ImageInUseException.class,
                        e -> assertThat(e.users()).containsExactly("container/x"))
                .hasMessageContaining("containers use it (container/x)");
        assertThat(engine.images().list()).hasSize(1);

        // when forced: untagged, and kept as a dangling image while the container holds it
        ImageRemoval forced = engine.images().remove(ref, true);
        assertThat(forced.untagged()).containsExactly(ref);
        assertThat(forced.deleted()).isEmpty();
        assertThat(engine.images().list()).singleElement().satisfies(i -> {
            assertThat(i.id()).isEqualTo(image.id());
            assertThat(i.references()).isEmpty();
        });
        assertThat(engine.images().prune().deleted()).as("in use").isEmpty();
        assertThat(engine.store().blobs().contains(busybox.layerDigest())).isTrue();

        // when the container is gone
        engine.store().holds().remove("container/x");
        assertThat(engine.images().prune().deleted()).containsExactly(image.id());
        assertThat(engine.images().list()).isEmpty();
        assertThat(engine.store().blobs().contains(busybox.layerDigest())).isFalse();
    }

    @Test
    void aHoldOfAContainerThatIsGoneDoesNotCountAsAUse() throws Exception {
        // given: holds named after containers, one with a directory (it exists), one without (it
        // is gone, its hold's removal lost in a crash)
        Image image = engine.images().pull(ref);
        String live = "a".repeat(64);
        String gone = "b".repeat(64);
        Files.createDirectories(home.resolve("containers").resolve(live));
        engine.store().holds().put("container/" + live, Set.of(image.manifestDigest()), Set.of());
        engine.store().holds().put("container/" + gone, Set.of(image.manifestDigest()), Set.of());

        // then: only the existing container uses the image
        assertThatThrownBy(() -> engine.images().remove(ref))
                .isInstanceOfSatisfying(ImageInUseException.class,
                        e -> assertThat(e.users()).containsExactly("container/" + live));

        // when: that container goes too
        Files.delete(home.resolve("containers").resolve(live));
        ImageRemoval removed = engine.images().remove(ref);

        // then: the image goes, content and all, and the stale holds with it
        assertThat(removed.deleted()).containsExactly(image.id());
        assertThat(engine.store().holds().list()).isEmpty();
        assertThat(engine.store().blobs().contains(busybox.layerDigest())).isFalse();
    }

    @Test
    void pruneDropsTheHoldsOfContainersThatAreGone() {
        // given: a stale container hold keeping the layer of an image that is no more
        Image image = engine.images().pull(ref);
        engine.store().holds().put("container/" + "c".repeat(64), Set.of(busybox.layerDigest()), Set.of());
        engine.store().holds().put("container/not-an-id", Set.of(busybox.layerDigest()), Set.of());
        engine.images().remove(ref);
        assertThat(engine.store().blobs().contains(busybox.layerDigest())).isTrue();

        // when
        engine.images().prune();

        // then: the stale hold is dropped and the layer collected; a hold not named by an id stays
        assertThat(engine.store().holds().list()).extracting(h -> h.name()).containsExactly("container/not-an-id");
        engine.store().holds().remove("container/not-an-id");
        engine.images().prune();
        assertThat(engine.store().blobs().contains(busybox.layerDigest())).isFalse();
        assertThat(engine.images().find(image.id())).isEmpty();
    }

    @Test
    void findsWhereAMovedReferenceNowPoints() {
        // given: a reference looked up (and its manifest and config read) before it moves
        Image first = engine.images().pull(ref);
        first.tag("app:1");
        assertThat(engine.images().inspect("app:1").id()).isEqualTo(first.id());
        assertThat(engine.resolveForRun("app:1").references()).containsExactly("docker.io/library/app:1", ref);
        String moving = registry.reference("life/cached:1");
        ImageVariant variant = ImageVariant.of(busybox, home.resolve("variant"), "mover");
        variant.pushTo(registry, "life/cached:1");
        Image second = engine.images().pull(moving);

        // when
        second.tag("app:1");

        // then
        assertThat(engine.resolveForRun("app:1").id()).isEqualTo(second.id()).isNotEqualTo(first.id());
        assertThat(engine.images().inspect("app:1").references()).containsExactly("docker.io/library/app:1", moving);
        assertThat(engine.images().inspect(ref).references()).containsExactly(ref);

        // when moved back, and the first image's content is gone and back again
        first.tag("app:1");
        assertThat(engine.resolveForRun("app:1").id()).isEqualTo(first.id());
        engine.images().remove("app:1");
        engine.images().remove(ref);
        assertThat(engine.images().find(first.id())).isEmpty();
        engine.images().pull(ref);
        assertThat(engine.resolveForRun(ref).id()).isEqualTo(first.id());
    }

    @Test
    void treatsAContainerHoldOnTheConfigAsInUseToo() {
        Image image = engine.images().pull(ref);
        engine.store().holds().put("container/y", Set.of(image.configDigest()), Set.of());

        assertThatThrownBy(() -> engine.images().remove(image.id())).isInstanceOf(ImageInUseException.class);
    }

    @Test
    void aNewerPullLeavesTheOldImageDanglingUntilPrune() {
        // given: a tag pulled, then moved in the registry to another image on the same layer
        String moving = registry.reference("life/moving:1");
        busybox.pushTo(registry, "life/moving:1");
        Image old = engine.images().pull(moving);
        ImageVariant variant = ImageVariant.of(busybox, home.resolve("variant"), "someone else");
        variant.pushTo(registry, "life/moving:1");

        // when
        Image current = engine.images().pull(moving);

        // then: the old image stays, untagged, until prune
        assertThat(current.id()).isEqualTo(variant.configDigest().toString()).isNotEqualTo(old.id());
        assertThat(engine.images().list()).extracting(Image::id, Image::references).containsExactly(
                tuple(current.id(), List.of(moving)),
                tuple(old.id(), List.of()));
        assertThat(engine.images().inspect(old.id()).references()).isEmpty();

        ImagePruneReport pruned = engine.images().prune();
        assertThat(pruned.deleted()).containsExactly(old.id());
        assertThat(pruned.blobsRemoved()).isEqualTo(2); // old manifest and config; the layer is shared
        assertThat(engine.images().list()).extracting(Image::id).containsExactly(current.id());
        assertThat(engine.store().blobs().contains(busybox.configDigest())).isFalse();
        assertThat(engine.store().blobs().contains(busybox.layerDigest())).isTrue();
        assertThat(engine.images().prune().deleted()).isEmpty();
    }

    @Test
    void removesADanglingImageById() {
        // given
        String moving = registry.reference("life/moving2:1");
        busybox.pushTo(registry, "life/moving2:1");
        Image old = engine.images().pull(moving);
        ImageVariant.of(busybox, home.resolve("variant"), "another").pushTo(registry, "life/moving2:1");
        engine.images().pull(moving);

        // when
        ImageRemoval removed = engine.images().remove(old.id().substring("sha256:".length(), 20));

        // then
        assertThat(removed.untagged()).isEmpty();
        assertThat(removed.deleted()).containsExactly(old.id());
        assertThat(engine.images().list()).hasSize(1);
    }
}
