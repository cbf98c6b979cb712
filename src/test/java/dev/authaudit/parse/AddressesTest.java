package dev.authaudit.parse;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AddressesTest {
    @Test
    void normalize_forms_areCanonicalOrRefused() {
        assertThat(Addresses.normalize("192.0.2.1")).isEqualTo("192.0.2.1");
        assertThat(Addresses.normalize("::ffff:192.0.2.1")).isEqualTo("192.0.2.1");
        assertThat(Addresses.normalize("2001:0db8:0000:0000:0000:0000:0000:0007")).isEqualTo("2001:db8::7");
        assertThat(Addresses.normalize("2001:DB8::7")).isEqualTo("2001:db8::7");
        assertThat(Addresses.normalize("192.0.2.01")).isNull(); // octal-looking: never guess
        assertThat(Addresses.normalize("192.0.2.256")).isNull();
        assertThat(Addresses.normalize("192.0.2")).isNull();
        assertThat(Addresses.normalize("192.0.2.1.")).isNull();
        assertThat(Addresses.normalize("192.0.2.0/24")).isNull();
        assertThat(Addresses.normalize("www.example.com")).isNull();
        assertThat(Addresses.normalize("")).isNull();
        assertThat(Addresses.normalize(null)).isNull();
    }

    @Test
    void isPlainIpv4_agreesWithTheLibraryOnEdgeCases() {
        for (String s : new String[] {"0.0.0.0", "255.255.255.255", "1.2.3.4", "10.0.0.10"}) {
            assertThat(Addresses.isPlainIpv4(s)).as(s).isTrue();
        }
        for (String s : new String[] {"1.2.3", "1.2.3.4.5", "01.2.3.4", "1..2.3", "1.2.3.4a", "a.b.c.d", "1.2.3.-4",
            "256.1.1.1", "1.2.3.4 "}) {
            assertThat(Addresses.isPlainIpv4(s)).as(s).isFalse();
        }
    }
}
