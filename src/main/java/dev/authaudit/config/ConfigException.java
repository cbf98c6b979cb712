package dev.authaudit.config;

/**
 * A configuration file or value that cannot be used. The message names the file (and line), the key,
 * the bad value and what is expected.
 */
public final class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String path;
    private final String key;

    public ConfigException(String path, String key, String message) {
        super(message);
        this.path = path;
        this.key = key;
    }

    public String path() {
        return path;
    }

    public String key() {
        return key;
    }
}
