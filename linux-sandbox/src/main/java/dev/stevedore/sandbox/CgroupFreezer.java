package dev.stevedore.sandbox;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Freezes and thaws every process of a sandbox's cgroup. cgroup2's {@code cgroup.freeze} is
 * preferred wherever the sandbox has a v2 directory (hybrid hosts included; it needs no
 * controller), waiting until {@code cgroup.events} reports {@code frozen 1}; otherwise the v1
 * freezer's {@code freezer.state} is set to {@code FROZEN} until it reads so (it passes through
 * {@code FREEZING} while tasks are being stopped).
 */
final class CgroupFreezer {
    private static final String FROZEN = "FROZEN";
    private static final String THAWED = "THAWED";

    private final CgroupPlacement at;

    CgroupFreezer(CgroupPlacement at) {
        this.at = at;
    }

    /** Whether this host can freeze the sandbox at all. */
    boolean available() {
        return v2().isPresent() || at.v1().containsKey("freezer");
    }

    /**
     * Freezes the cgroup and waits until every process in it is frozen.
     *
     * @throws SandboxException if it cannot, or does not settle within {@code timeout} (it is thawed again then)
     */
    void freeze(Duration timeout) {
        Optional<Path> v2 = v2();
        if (v2.isPresent()) {
            Path dir = v2.get();
            CgroupFiles.write(dir.resolve("cgroup.freeze"), "1");
            if (!CgroupFiles.await(timeout, () -> frozenEvent(dir) == 1)) {
                CgroupFiles.write(dir.resolve("cgroup.freeze"), "0");
                throw new SandboxException("cgroup " + dir + " did not freeze within " + timeout.toSeconds() + " s");
            }
            return;
        }
        Path state = v1State();
        CgroupFiles.write(state, FROZEN);
        // A task that forks or joins while FREEZING can keep the state there; asking again settles it.
        boolean frozen = CgroupFiles.await(timeout, () -> {
            if (readState(state).equals(FROZEN)) {
                return true;
            }
            CgroupFiles.write(state, FROZEN);
            return false;
        });
        if (!frozen) {
            CgroupFiles.write(state, THAWED);
            throw new SandboxException("cgroup " + state.getParent() + " did not freeze within "
                    + timeout.toSeconds() + " s (freezer.state stayed " + readState(state) + ")");
        }
    }

    /**
     * Thaws the cgroup and waits until it reports so.
     *
     * @throws SandboxException if it cannot, or does not settle within {@code timeout}
     */
    void thaw(Duration timeout) {
        Optional<Path> v2 = v2();
        boolean thawed;
        Path dir;
        if (v2.isPresent()) {
            dir = v2.get();
            CgroupFiles.write(dir.resolve("cgroup.freeze"), "0");
            thawed = CgroupFiles.await(timeout, () -> frozenEvent(v2.get()) == 0);
        } else {
            Path state = v1State();
            dir = state.getParent();
            CgroupFiles.write(state, THAWED);
            thawed = CgroupFiles.await(timeout, () -> readState(state).equals(THAWED));
        }
        if (!thawed) {
            throw new SandboxException("cgroup " + dir + " did not thaw within " + timeout.toSeconds() + " s");
        }
    }

    /** Whether the cgroup is frozen; false where it cannot be frozen. */
    boolean isFrozen() {
        Optional<Path> v2 = v2();
        if (v2.isPresent()) {
            return frozenEvent(v2.get()) == 1;
        }
        Path freezer = at.v1().get("freezer");
        return freezer != null && CgroupFiles.readIfPresent(freezer.resolve("freezer.state")).orElse("").trim()
                .equals(FROZEN);
    }

    /** The v2 directory if it has {@code cgroup.freeze} (Linux 5.2+). */
    private Optional<Path> v2() {
        return at.v2().filter(dir -> Files.exists(dir.resolve("cgroup.freeze")));
    }

    private Path v1State() {
        Path freezer = at.v1().get("freezer");
        if (freezer == null) {
            throw new SandboxException("freezing needs cgroup2's cgroup.freeze or the freezer cgroup controller, "
                    + "which this host does not offer");
        }
        return freezer.resolve("freezer.state");
    }

    private static long frozenEvent(Path dir) {
        return CgroupFiles.keyed(dir.resolve("cgroup.events"), "frozen").orElse(0);
    }

    private static String readState(Path state) {
        return CgroupFiles.read(state).trim();
    }
}
