package dev.authaudit.config;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A csf port list such as {@code TCP_IN = "20,21,25,30000:35000"}, or {@code PS_PORTS}, which may also
 * carry keywords ({@code ICMP}, {@code INVALID}, {@code OPEN}, {@code BRD}).
 *
 * @param ranges the port ranges, in the order written
 * @param keywords upper-cased keywords, empty for plain port lists
 */
public record PortList(List<PortRange> ranges, Set<String> keywords) {
    public PortList {
        ranges = List.copyOf(ranges);
        keywords = Set.copyOf(keywords);
    }

    /**
     * Parses a comma-separated list of ports and ranges.
     *
     * @param text the value between the quotes
     * @param allowedKeywords words accepted besides ports (upper case); empty for TCP_IN and friends
     * @return the list
     * @throws IllegalArgumentException with a short description of the first bad item
     */
    public static PortList parse(String text, Set<String> allowedKeywords) {
        List<PortRange> ranges = new ArrayList<>();
        Set<String> words = new LinkedHashSet<>();
        for (String raw : text.split(",", -1)) {
            String item = raw.trim();
            if (item.isEmpty()) {
                continue;
            }
            String upper = item.toUpperCase(Locale.ROOT);
            if (allowedKeywords.contains(upper)) {
                words.add(upper);
                continue;
            }
            int colon = item.indexOf(':');
            try {
                if (colon < 0) {
                    int p = Integer.parseInt(item);
                    ranges.add(new PortRange(p, p));
                } else {
                    ranges.add(new PortRange(Integer.parseInt(item.substring(0, colon).trim()),
                            Integer.parseInt(item.substring(colon + 1).trim())));
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + item + "' is not a port or a range like 30000:35000");
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("'" + item + "': " + e.getMessage());
            }
        }
        return new PortList(ranges, words);
    }

    /** Returns true when the port is in one of the ranges. */
    public boolean contains(int port) {
        for (PortRange r : ranges) {
            if (r.contains(port)) {
                return true;
            }
        }
        return false;
    }

    /** Returns true when the keyword (upper case) was listed. */
    public boolean hasKeyword(String keyword) {
        return keywords.contains(keyword);
    }

    /** Returns the list as csf writes it. */
    @Override
    public String toString() {
        String ports = ranges.stream().map(PortRange::toString).collect(Collectors.joining(","));
        if (keywords.isEmpty()) {
            return ports;
        }
        String words = String.join(",", keywords);
        return ports.isEmpty() ? words : ports + "," + words;
    }
}
