package dev.authaudit.act.notice;

import dev.authaudit.config.ConfigException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The three templates of one language, read from {@code <rules>/notices/<lang>/}: {@code subject.txt}
 * (one line), {@code body.txt} and {@code body.html}, all Mustache (see {@link Template}); the HTML
 * body escapes every value.
 *
 * @param subject the subject line
 * @param text the plain-text body
 * @param html the HTML body
 */
public record NoticeTemplates(Template subject, Template text, Template html) {
    /**
     * The names a composer fills; templates may use any of them. Those marked optional may be absent
     * and belong in a section ({@code {{#app}}...{{/app}}}): org, support, server, help_url, login,
     * app (optional: the name the device gave), address, network_words (optional: the range of
     * addresses of its connection), doing (what it was doing, in words), last_worked (optional),
     * first_failure, last_failure, failures, failures_words ("12 failed logins"), blocked_at (optional:
     * when the firewall first blocked it). Kept for templates written for earlier versions: client,
     * ip, network, protocol, ports, device.
     */
    public static final Set<String> PLACEHOLDERS = Set.of("org", "support", "server", "help_url", "login", "app",
            "address", "network_words", "doing", "last_worked", "first_failure", "last_failure", "failures",
            "failures_words", "blocked_at", "client", "ip", "network", "protocol", "ports", "device");
    private static final Pattern LANG = Pattern.compile("[a-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})?");

    /**
     * Loads the templates of {@code lang} from {@code rulesDir/notices/lang}.
     *
     * @throws ConfigException when the language is not a tag, a file is missing or unreadable, the
     *     subject has more than one line, or a template is not valid Mustache or uses a name
     *     the composer does not fill (file:line)
     */
    public static NoticeTemplates load(Path rulesDir, String lang) {
        if (!LANG.matcher(lang).matches()) {
            throw new ConfigException(null, "notice-lang", "--notice-lang " + SafeText.quoted(lang)
                    + " is not a language tag such as en or pt-BR");
        }
        Path dir = rulesDir.resolve("notices").resolve(lang);
        if (!Files.isDirectory(dir)) {
            throw new ConfigException(dir.toString(), "notice-lang", "no notice templates for language " + lang
                    + ": " + dir + " is not a folder; copy notices/en and translate it");
        }
        String subject = read(dir.resolve("subject.txt")).strip();
        if (subject.isEmpty() || subject.contains("\n")) {
            throw new ConfigException(dir.resolve("subject.txt").toString(), null, dir.resolve("subject.txt")
                    + ": the subject must be exactly one non-empty line");
        }
        return new NoticeTemplates(
                Template.parse(dir.resolve("subject.txt").toString(), subject, PLACEHOLDERS, Template.Flavor.TEXT),
                Template.parse(dir.resolve("body.txt").toString(), read(dir.resolve("body.txt")), PLACEHOLDERS,
                        Template.Flavor.TEXT),
                Template.parse(dir.resolve("body.html").toString(), read(dir.resolve("body.html")), PLACEHOLDERS,
                        Template.Flavor.HTML));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException(file.toString(), null, "cannot read notice template " + file + ": " + e
                    + "; every language folder needs subject.txt, body.txt and body.html");
        }
    }
}
