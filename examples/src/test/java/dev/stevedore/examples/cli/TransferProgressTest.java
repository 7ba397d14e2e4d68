package dev.stevedore.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TransferProgressTest {
    @Test
    void drawsABarOfFortyCellsWithSizes() {
        assertThat(TransferProgress.bar(500_000, 1_000_000))
                .isEqualTo("[===================>                    ]  500kB/1MB");
        assertThat(TransferProgress.bar(1_000_000, 1_000_000))
                .isEqualTo("[========================================]  1MB/1MB");
    }
}
