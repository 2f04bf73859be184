package org.minka.voting;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class BlockedDomainsTests {

    private static BlockedDomains with(List<String> extra) {
        return new BlockedDomains(
                new VotingProperties(
                        true,
                        30,
                        300,
                        Duration.ofMinutes(1),
                        extra,
                        Duration.ofMillis(500),
                        Duration.ofSeconds(15),
                        Duration.ofMinutes(10),
                        2,
                        64));
    }

    @Test
    void blocksWhenShippedDisposableDomainThenTrueForItAndItsSubdomains() {
        BlockedDomains domains = with(List.of());

        assertThat(domains.size()).isGreaterThan(400);
        assertThat(domains.blocks("alguien@mailinator.com")).isTrue();
        assertThat(domains.blocks("Alguien@Mail.YOPMAIL.com")).isTrue();
        assertThat(domains.blocks("alguien@guerrillamail.com.")).isTrue();
        assertThat(domains.blocks("alguien@gmail.com")).isFalse();
        assertThat(domains.blocks("alguien@notmailinator.com")).isFalse();
        assertThat(domains.blocks(null)).isFalse();
    }

    @Test
    void blocksWhenDeploymentAddsDomainsThenThoseToo() {
        BlockedDomains domains = with(List.of(" Spam.Example ", ""));

        assertThat(domains.blocks("x@spam.example")).isTrue();
        assertThat(domains.blocks("x@a.spam.example")).isTrue();
        assertThat(domains.blocks("x@example")).isFalse();
    }
}
