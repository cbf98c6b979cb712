package dev.authaudit.config;

/**
 * Signals a configuration value that cannot be used. The message names the file and line, the key,
 * the bad value and what is expected, so the user can fix it without reading code.
 */
public final class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String path;
    private final String key;

    /**
     * Creates an exception for one key of one file.
     *
     * @param path the file the value came from, or null when it was not read from a file
     * @param key the setting's name, or null when the problem is not tied to one key
     * @param message the full message, already naming location, key, value and the constraint
     */
    public ConfigException(String path, String key, String message) {
        super(message);
        this.path = path;
        this.key = key;
    }

    /** Returns the file the bad value came from, or null. */
    public String path() {
        return path;
    }

    /** Returns the setting's name, or null. */
    public String key() {
        return key;
    }
}
