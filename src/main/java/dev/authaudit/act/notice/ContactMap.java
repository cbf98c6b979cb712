package dev.authaudit.act.notice;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.authaudit.config.ConfigException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An admin's own list of who to tell about which login: a CSV file of {@code login,contact} lines
 * ({@code #} comments and a {@code login,contact} header allowed) or a YAML map ({@code .yaml}/{@code
 * .yml}). Logins are matched exactly, lower-cased; contacts are checked when used, not here, so one
 * bad line does not stop the others.
 */
public final class ContactMap {
    private final Path file;
    private final Map<String, String> contacts;

    private ContactMap(Path file, Map<String, String> contacts) {
        this.file = file;
        this.contacts = Map.copyOf(contacts);
    }

    /**
     * Reads a mapping file.
     *
     * @throws ConfigException when the file cannot be read or a line is not {@code login,contact}
     */
    public static ContactMap load(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        try {
            String text = dev.authaudit.config.ConfigText.read(file);
            return new ContactMap(file, name.endsWith(".yaml") || name.endsWith(".yml")
                    ? yaml(file, text) : csv(file, text));
        } catch (IOException e) {
            throw new ConfigException(file.toString(), null, "cannot read the notice contact file " + file + ": "
                    + e.getMessage() + "; check the path given with --notice-contacts");
        }
    }

    /** Returns the contact for {@code login} (lower-cased), if the file names one. */
    public Optional<String> contact(String login) {
        return Optional.ofNullable(contacts.get(login.toLowerCase(Locale.ROOT)));
    }

    /** Returns the file this map was read from. */
    public Path file() {
        return file;
    }

    private static Map<String, String> csv(Path file, String text) {
        Map<String, String> out = new TreeMap<>();
        List<String> lines = text.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#") || (i == 0 && line.equalsIgnoreCase("login,contact"))) {
                continue;
            }
            int comma = line.indexOf(',');
            if (comma <= 0 || comma == line.length() - 1 || line.indexOf(',', comma + 1) >= 0) {
                throw new ConfigException(file.toString(), "line " + (i + 1), file + ":" + (i + 1)
                        + ": expected 'login,contact' (one contact address per login), got "
                        + SafeText.quoted(line));
            }
            put(out, file, i + 1, line.substring(0, comma).strip(), line.substring(comma + 1).strip());
        }
        return out;
    }

    private static Map<String, String> yaml(Path file, String text) {
        Map<String, String> out = new TreeMap<>();
        try {
            JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(text);
            if (root == null || root.isMissingNode() || root.isNull()) {
                return out;
            }
            if (!root.isObject()) {
                throw new ConfigException(file.toString(), null, file + ": expected a map of login: contact");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!e.getValue().isTextual()) {
                    throw new ConfigException(file.toString(), e.getKey(), file + ": login "
                            + SafeText.quoted(e.getKey()) + ": the contact must be one address as text");
                }
                put(out, file, 0, e.getKey(), e.getValue().asText().strip());
            }
            return out;
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new ConfigException(file.toString(), null, file + ":" + (at == null ? 0 : at.getLineNr())
                    + ": not valid YAML: " + e.getOriginalMessage());
        }
    }

    private static void put(Map<String, String> out, Path file, int line, String login, String contact) {
        String key = login.toLowerCase(Locale.ROOT);
        if (out.putIfAbsent(key, contact) != null) {
            throw new ConfigException(file.toString(), login, file + (line > 0 ? ":" + line : "") + ": login "
                    + SafeText.quoted(login) + " appears twice; keep one contact per login");
        }
    }
}
