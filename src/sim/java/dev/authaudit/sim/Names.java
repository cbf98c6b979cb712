package dev.authaudit.sim;

import java.util.List;

/** Word lists for synthetic names: domains, mailboxes, attackers' guesses. */
final class Names {
    static final List<String> COMPANY = List.of("acme", "bluefin", "cedar", "dunmore", "elmwood", "foxglen",
            "granite", "harbor", "ironleaf", "juniper", "kestrel", "lakeside", "maple", "northgate", "oakridge",
            "pinecrest", "quarry", "riverbend", "stonebridge", "tidewater", "upland", "valley", "westbrook",
            "yellowpine", "zephyr", "amberly", "birchwood", "copperfield", "driftwood", "evergreen");
    static final List<String> TRADE = List.of("dental", "law", "bakery", "motors", "design", "farm", "clinic",
            "realty", "travel", "plumbing", "studio", "books", "garden", "print", "vet", "school");
    static final List<String> FIRST = List.of("alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi",
            "ivan", "judy", "karl", "linda", "mike", "nina", "oscar", "peggy", "quinn", "rita", "sam", "trudy",
            "uma", "victor", "wendy", "xavier", "yvonne", "zack", "anna", "ben", "clara", "dan", "eva", "felix",
            "gina", "hugo", "iris", "jon", "kate", "leo", "maria", "ned", "olga", "paul", "rosa", "steve", "tina");
    static final List<String> ROLE = List.of("info", "office", "sales", "accounts", "bookings", "reception",
            "admin", "support", "contact", "billing");
    /** Logins a dictionary attacker tries on every domain; some exist as real mailboxes. */
    static final List<String> GUESSED = List.of("admin", "info", "test", "sales", "webmaster", "support",
            "office", "contact", "postmaster", "abuse", "marketing", "user", "mail", "noreply", "hr", "it",
            "root", "backup", "scanner", "printer", "guest", "demo", "service", "billing", "accounts");
    /** Bare logins (no domain) tried by probers; none exist on a cPanel host. */
    static final List<String> BARE = List.of("admin", "test", "user", "root", "oracle", "guest", "info", "mail",
            "postgres", "ftp", "test1", "user1", "administrator", "www", "web", "support", "office");
    static final List<String> PASSWORDS = List.of("123456", "password", "qwerty", "letmein", "welcome",
            "admin123", "Passw0rd", "iloveyou", "monkey", "dragon", "sunshine", "master", "football", "abc123",
            "111111", "princess", "trustno1", "baseball", "shadow", "superman", "zaq12wsx", "1q2w3e4r");
    static final List<String> BOT_HELO = List.of("User", "ylmf-pc", "localhost", "WIN-CLJ1B0GQ6JP", "USER-PC",
            "win7", "desktop", "Ubuntu-2204", "ADMIN");

    private Names() {
    }
}
