package dev.stevedore.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class RegistryCredentialsTest {
    @Test
    void basicAuthorizationEncodesUserColonPassword() {
        // given
        RegistryCredentials credentials = RegistryCredentials.of("alice", "s3cret");

        // when
        String header = credentials.basicAuthorization();

        // then
        assertThat(header).startsWith("Basic ");
        assertThat(new String(Base64.getDecoder().decode(header.substring(6)), StandardCharsets.UTF_8))
                .isEqualTo("alice:s3cret");
    }

    @Test
    void toStringHidesThePassword() {
        // given
        RegistryCredentials credentials = RegistryCredentials.of("alice", "s3cret");

        // when
        String text = credentials.toString();

        // then
        assertThat(text).contains("alice").doesNotContain("s3cret");
    }

    @Test
    void randomCredentialsDifferEachTime() {
        // when
        RegistryCredentials first = RegistryCredentials.random();
        RegistryCredentials second = RegistryCredentials.random();

        // then
        assertThat(first.username()).isEqualTo("stevedore");
        assertThat(first.password()).hasSize(24).isNotEqualTo(second.password());
    }

    @Test
    void rejectsAUserNameWithAColon() {
        // when / then
        assertThatIllegalArgumentException().isThrownBy(() -> RegistryCredentials.of("a:b", "pw"))
                .withMessageContaining("a:b");
    }
}
