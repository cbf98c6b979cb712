package dev.authaudit.act.notice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.authaudit.config.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class RecipientResolverTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"a@b.com,evil@x.org", "\"x\"@example.com", "<a@b.com>", "a@b.com\r\nBcc: evil@x.org",
        "Bob <bob@example.com>", "a@b.com evil@x.org", "undisclosed:;", "jörg@example.com", "a@b@c.com",
        "a@b.com;evil@x.org", "a(comment)@b.com", "a@[192.0.2.1]", "a\u0000@b.com", "bob", ".a@b.com",
        "a..b@example.com", "a@-b.com"})
    void problem_hostileOrOddLogin_refused(String login) {
        assertThat(AddressCheck.problem(login)).isPresent();
        assertThat(RecipientResolver.mailboxOnly().resolve(login)).isInstanceOf(Resolution.Refused.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"bob@example.com", "first.last+tag@mail.example.co.uk", "o'brien@example.ie"})
    void problem_plainAddress_accepted(String address) {
        assertThat(AddressCheck.problem(address)).isEmpty();
    }

    static Stream<Arguments> hostileLogins() {
        return Stream.of(
                Arguments.of("a@b.com,evil@x.org", "contains ','"),
                Arguments.of("\"x\"@example.com", "contains '\"'"),
                Arguments.of("<a@b.com>", "contains '<'"),
                Arguments.of("a@b.com\r\nBcc: evil@x.org", "contains a line break"),
                Arguments.of("jörg@example.com", "is not plain ASCII"));
    }

    @ParameterizedTest
    @MethodSource("hostileLogins")
    void problem_hostileLogin_reasonSaysWhy(String login, String why) {
        assertThat(AddressCheck.problem(login)).get().asString().contains(why);
    }

    @Test
    void problem_reasonNeverCarriesLineBreaks() {
        assertThat(AddressCheck.problem("a@b.com\r\nBcc: evil@x.org").orElseThrow()).doesNotContain("\r", "\n");
    }

    @Test
    void resolve_csvMapping_winsOverMailbox() throws IOException {
        Path csv = dir.resolve("contacts.csv");
        Files.writeString(csv, "login,contact\n# the office\nBob@Example.com, owner@example.org\n");
        RecipientResolver r = new RecipientResolver(ContactMap.load(csv), null, true, "admin@host.example.net");
        Resolution.Found f = (Resolution.Found) r.resolve("bob@example.com");
        assertThat(f.to()).isEqualTo("owner@example.org");
        assertThat(f.cc()).isEqualTo("admin@host.example.net");
        assertThat(f.via()).contains("mapping file");
    }

    @Test
    void resolve_yamlMappingForNonAddressLogin_usesContact() throws IOException {
        Path yaml = dir.resolve("contacts.yaml");
        Files.writeString(yaml, "jose.basanta: jose@example.com\n");
        RecipientResolver r = new RecipientResolver(ContactMap.load(yaml), null, true, null);
        assertThat(((Resolution.Found) r.resolve("jose.basanta")).to()).isEqualTo("jose@example.com");
    }

    @Test
    void resolve_mappingToHostileContact_refused() throws IOException {
        Path csv = dir.resolve("contacts.csv");
        Files.writeString(csv, "bob@example.com,Bob <bob@example.org>\n");
        Resolution r = new RecipientResolver(ContactMap.load(csv), null, true, null).resolve("bob@example.com");
        assertThat(((Resolution.Refused) r).reason()).contains("the contact in the mapping file", "contains a space");
    }

    @Test
    void load_csvLineWithTwoContacts_errorNamesFileAndLine() throws IOException {
        Path csv = dir.resolve("contacts.csv");
        Files.writeString(csv, "bob@example.com,a@example.org\nann@example.com,b@example.org,c@example.org\n");
        assertThatThrownBy(() -> ContactMap.load(csv)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("contacts.csv:2: expected 'login,contact'");
    }

    @Test
    void resolve_cpanelDomainOwner_usesContactEmail() throws IOException {
        RecipientResolver r = new RecipientResolver(null, cpanel("CONTACTEMAIL=owner@example.org\n"), true, null);
        Resolution.Found f = (Resolution.Found) r.resolve("bob@example.com");
        assertThat(f.to()).isEqualTo("owner@example.org");
        assertThat(f.via()).isEqualTo("the cPanel contact of user exampleuser");
    }

    @Test
    void resolve_cpanelContactHostile_fallsBackToMailbox() throws IOException {
        RecipientResolver r = new RecipientResolver(null, cpanel("CONTACTEMAIL=a@b.com, evil@x.org\n"), true, null);
        assertThat(((Resolution.Found) r.resolve("bob@example.com")).to()).isEqualTo("bob@example.com");
    }

    @Test
    void resolve_cpanelNoContact_fallsBackToMailbox() throws IOException {
        RecipientResolver r = new RecipientResolver(null, cpanel("CONTACTEMAIL=\n"), true, null);
        assertThat(((Resolution.Found) r.resolve("bob@example.com")).via()).isEqualTo("the mailbox itself");
    }

    @Test
    void resolve_craftedLoginNamingCpanelDomain_neverReachesItsContact() throws IOException {
        RecipientResolver r = new RecipientResolver(null, cpanel("CONTACTEMAIL=owner@example.org\n"), true, null);
        assertThat(r.resolve("evil@x.org,bob@example.com")).isInstanceOf(Resolution.Refused.class);
    }

    @Test
    void resolve_noFallbackAndNoContact_refusedWithHint() {
        Resolution r = new RecipientResolver(null, null, false, null).resolve("bob@example.com");
        assertThat(((Resolution.Refused) r).reason()).contains("add it to the mapping file");
    }

    @Test
    void resolver_hostileAdminCc_configError() {
        assertThatThrownBy(() -> new RecipientResolver(null, null, true, "root@localhost, x@y.org"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("--notice-cc");
    }

    private CpanelContacts cpanel(String userFile) throws IOException {
        Path ud = dir.resolve("userdomains");
        Files.writeString(ud, "other.example: otheruser\nexample.com: exampleuser\n*: nobody\n");
        Path users = Files.createDirectories(dir.resolve("users"));
        Files.writeString(users.resolve("exampleuser"), "DNS=example.com\n" + userFile + "PLAN=default\n");
        return new CpanelContacts(ud, users);
    }
}
