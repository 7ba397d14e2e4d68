package dev.stevedore;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code /etc/hosts} entries of the containers on one named network: every member's name,
 * aliases and host name, on 127.0.0.1 (they share one network namespace). A new member gets
 * them as extra hosts when it starts; the running members' hosts files (the sandbox writes each
 * into its state directory and bind-mounts it, so rewriting the file in place shows through)
 * are rewritten when a member joins or leaves.
 */
final class NetworkHosts {
    private static final Logger log = LoggerFactory.getLogger(NetworkHosts.class);
    static final String ADDRESS = "127.0.0.1";

    private NetworkHosts() {}

    /** The names a member is reached by. */
    static Set<String> names(ContainerRecord member) {
        Set<String> names = new LinkedHashSet<>();
        names.add(member.name());
        names.addAll(member.aliases());
        names.add(member.run().hostname());
        return names;
    }

    /** Name to address for every member. */
    static Map<String, String> entries(List<ContainerRecord> members) {
        Map<String, String> out = new LinkedHashMap<>();
        for (ContainerRecord m : members) {
            for (String n : names(m)) {
                out.put(n, ADDRESS);
            }
        }
        return out;
    }

    /** The hosts file of a member, as the sandbox writes it, with the members' names. */
    static String file(String hostname, List<ContainerRecord> members) {
        StringBuilder b = new StringBuilder()
                .append("127.0.0.1\tlocalhost\n")
                .append("::1\tlocalhost ip6-localhost ip6-loopback\n")
                .append("fe00::0\tip6-localnet\n")
                .append("ff00::0\tip6-mcastprefix\n")
                .append("ff02::1\tip6-allnodes\n")
                .append("ff02::2\tip6-allrouters\n")
                .append("127.0.1.1\t").append(hostname).append('\n');
        for (ContainerRecord m : members) {
            b.append(ADDRESS).append('\t').append(String.join(" ", names(m))).append('\n');
        }
        return b.toString();
    }

    /** Rewrites, in place, the hosts file of each running member. Best effort: a member may end meanwhile. */
    static void rewrite(List<ContainerRecord> members, java.util.function.Function<String, Path> stateDir) {
        for (ContainerRecord m : members) {
            Path hosts = stateDir.apply(m.id()).resolve("hosts");
            try {
                Files.writeString(hosts, file(m.run().hostname(), members), StandardCharsets.UTF_8,
                        StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
            } catch (NoSuchFileException e) {
                // it has ended
            } catch (IOException e) {
                log.warn("cannot update /etc/hosts of container {}: {}", m.id(), e.getMessage());
            }
        }
    }
}
