package dev.aiapiwatch.keys;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HashedKeyTest {

    @Test
    void samePartsSameKey() {
        assertThat(HashedKey.of("aid-1", "1001")).isEqualTo(HashedKey.of("aid-1", "1001"));
    }

    @Test
    void partBoundariesKeptApart() {
        assertThat(HashedKey.of("ab", "c")).isNotEqualTo(HashedKey.of("a", "bc"));
        assertThat(HashedKey.of("abc")).isNotEqualTo(HashedKey.of("abc", ""));
    }

    @Test
    void nullPartCountsAsEmpty() {
        assertThat(HashedKey.of("a", null, "b")).isEqualTo(HashedKey.of("a", "", "b"));
    }

    @Test
    void keyIsFirst128BitsOfSha256() {
        // SHA-256 of the bytes "abc" 0x1f begins d5e9267952b38b25 80c2e845cb5f9277.
        assertThat(HashedKey.of("abc").f0).isEqualTo(0xd5e9267952b38b25L);
        assertThat(HashedKey.of("abc").f1).isEqualTo(0x80c2e845cb5f9277L);
    }
}
