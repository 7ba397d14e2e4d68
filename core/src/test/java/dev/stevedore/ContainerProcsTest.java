package dev.stevedore;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ContainerProcsTest {
    @Test
    void findsListeningSocketsInProcNetTcp() {
        List<String> table = List.of(
                "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode",
                "   0: 00000000:0050 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1 1",
                "   1: 0100007F:1538 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 2 1",
                "   2: 0100007F:9C40 0100007F:0050 01 00000000:00000000 00:00000000 00000000     0        0 3 1");
        assertThat(ContainerProcs.parseListening(table)).containsExactlyInAnyOrder(80, 5432);
    }

    @Test
    void readsIpv6Tables() {
        List<String> table = List.of("header",
                "   0: 00000000000000000000000000000000:1F90 00000000000000000000000000000000:0000 0A 0:0 0:0 0 0 0 1 1");
        assertThat(ContainerProcs.parseListening(table)).containsExactly(8080);
    }

    @Test
    void tellsALiveProcessFromAReusedPid() {
        long self = ContainerProcs.selfPid();
        assertThat(ContainerProcs.alive(OptionalLong.of(self), ContainerProcs.selfStart())).isTrue();
        assertThat(ContainerProcs.alive(OptionalLong.of(self), Optional.of(java.time.Instant.EPOCH))).isFalse();
        assertThat(ContainerProcs.alive(OptionalLong.empty(), Optional.empty())).isFalse();
        assertThat(ContainerProcs.listeningPorts(self)).isNotNull();
    }
}
