package dev.authaudit.fleet;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.authaudit.act.notice.DeviceSeen;
import dev.authaudit.act.notice.NoticeCandidate;
import dev.authaudit.event.Protocol;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The value of a record on the notices topic ({@code <prefix>.notices}, keyed by incident key): a JSON object with
 * exactly the components of {@link NoticeCandidate}, Instants as ISO-8601 strings (null when absent), {@code device}
 * an object with the components of {@link DeviceSeen} ({@code protocols} an array of words, {@code ports} an array
 * of ints).
 *
 * <p>A record on a topic is as hostile as the log line it came from: anybody who can write to the topic can put
 * anything there. {@link #read} accepts only an object with exactly these fields, of these types, within these
 * lengths, whose addresses are literals, whose words are words and whose incident key is the record's key; the
 * candidate's and the device's own checks (confidence range, time order, address literals) then apply as they do
 * on a single server. Anything else is a {@link BadRecord} naming the field, never a partial candidate.
 */
public final class NoticeCandidateJson {
    /** Longer than any login a mail server accepts (RFC 5321 allows 64 + 1 + 255). */
    private static final int MAX_ACCOUNT = 320;
    /** A HELO name or IMAP ID name; longer ones are not a real client's. */
    private static final int MAX_CLIENT = 255;
    /** A record larger than this is not a notice candidate. */
    private static final int MAX_RECORD = 16_384;
    private static final Pattern WORD = Pattern.compile("[a-z][a-z0-9_]{0,39}");
    private static final Pattern INCIDENT = Pattern.compile("inc-[0-9a-f]{20}");
    private static final List<String> FIELDS = List.of("account", "verdict", "confidence", "detectedAt",
            "successOnRecord", "targeted", "attackerPattern", "blockCause", "device", "firstFailure", "lastFailure",
            "failures", "firstBlockAt", "incidentKey");
    private static final List<String> DEVICE_FIELDS = List.of("ip", "network", "protocols", "ports", "clientName",
            "lastWorked");

    private final ObjectMapper mapper;

    /** Creates a codec. */
    public NoticeCandidateJson() {
        mapper = new ObjectMapper();
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(4)
                .maxStringLength(MAX_RECORD).maxNumberLength(32).build());
    }

    /** A record that is not a notice candidate; the message names the field and what is wrong. */
    public static final class BadRecord extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BadRecord(String message) {
            super(message);
        }

        BadRecord(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Returns the JSON of {@code c}. */
    public String write(NoticeCandidate c) {
        ObjectNode o = mapper.createObjectNode();
        o.put("account", c.account());
        o.put("verdict", c.verdict());
        o.put("confidence", c.confidence());
        o.put("detectedAt", c.detectedAt().toString());
        o.put("successOnRecord", c.successOnRecord());
        o.put("targeted", c.targeted());
        o.put("attackerPattern", c.attackerPattern());
        o.put("blockCause", c.blockCause());
        ObjectNode d = o.putObject("device");
        DeviceSeen s = c.device();
        d.put("ip", s.ip());
        d.put("network", s.network());
        ArrayNode protocols = d.putArray("protocols");
        s.protocols().stream().sorted().forEach(p -> protocols.add(p.word()));
        ArrayNode ports = d.putArray("ports");
        s.ports().forEach(ports::add);
        d.put("clientName", s.clientName());
        d.put("lastWorked", s.lastWorked() == null ? null : s.lastWorked().toString());
        o.put("firstFailure", c.firstFailure().toString());
        o.put("lastFailure", c.lastFailure().toString());
        o.put("failures", c.failures());
        o.put("firstBlockAt", c.firstBlockAt() == null ? null : c.firstBlockAt().toString());
        o.put("incidentKey", c.incidentKey());
        try {
            return mapper.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a notice candidate as JSON", e);
        }
    }

    /**
     * Reads a record of the notices topic.
     *
     * @param key the record's key, which must be the candidate's incident key
     * @param value the record's value
     * @throws BadRecord when it is not exactly a notice candidate
     */
    public NoticeCandidate read(String key, String value) {
        if (value == null) {
            throw new BadRecord("the record has no value");
        }
        if (value.length() > MAX_RECORD) {
            throw new BadRecord("the record is " + value.length() + " characters long, more than a notice candidate"
                    + " can be (" + MAX_RECORD + ")");
        }
        JsonNode root;
        try {
            root = mapper.readTree(value);
        } catch (JsonProcessingException e) {
            throw new BadRecord("the record is not JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new BadRecord("the record is not a JSON object");
        }
        exactly(root, FIELDS, "");
        JsonNode dev = root.get("device");
        if (!dev.isObject()) {
            throw new BadRecord("device is not an object");
        }
        exactly(dev, DEVICE_FIELDS, "device.");
        String incident = text(root, "incidentKey", 32, false);
        if (!INCIDENT.matcher(incident).matches()) {
            throw new BadRecord("incidentKey is not inc- and 20 hex digits");
        }
        if (!incident.equals(key)) {
            throw new BadRecord("the record's key is not its incidentKey " + incident);
        }
        DeviceSeen device;
        NoticeCandidate c;
        try {
            device = new DeviceSeen(address(dev, "ip"), address(dev, "network"), protocols(dev.get("protocols")),
                    ports(dev.get("ports")), text(dev, "clientName", MAX_CLIENT, true), time(dev, "lastWorked", true));
            c = new NoticeCandidate(text(root, "account", MAX_ACCOUNT, false), word(root, "verdict", false),
                    number(root, "confidence"), time(root, "detectedAt", false), bool(root, "successOnRecord"),
                    bool(root, "targeted"), bool(root, "attackerPattern"), word(root, "blockCause", true), device,
                    time(root, "firstFailure", false), time(root, "lastFailure", false), count(root, "failures"),
                    time(root, "firstBlockAt", true), incident);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new BadRecord(e.getMessage(), e);
        }
        if (c.account().isBlank()) {
            throw new BadRecord("account is empty");
        }
        return c;
    }

    private static void exactly(JsonNode o, List<String> fields, String prefix) {
        for (Iterator<String> it = o.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!fields.contains(f)) {
                throw new BadRecord("unknown field " + prefix + dev.authaudit.act.notice.SafeText.quoted(f));
            }
        }
        for (String f : fields) {
            if (!o.has(f)) {
                throw new BadRecord("missing field " + prefix + f);
            }
        }
    }

    private static String text(JsonNode o, String f, int max, boolean nullable) {
        JsonNode v = o.get(f);
        if (v.isNull() && nullable) {
            return null;
        }
        if (!v.isTextual()) {
            throw new BadRecord(f + " is not a string");
        }
        String s = v.textValue();
        if (s.length() > max) {
            throw new BadRecord(f + " is longer than " + max + " characters");
        }
        return s;
    }

    private static String word(JsonNode o, String f, boolean nullable) {
        String s = text(o, f, 40, nullable);
        if (s != null && !WORD.matcher(s).matches()) {
            throw new BadRecord(f + " is not a report-v1 word");
        }
        return s;
    }

    private static String address(JsonNode o, String f) {
        String s = text(o, f, 64, false);
        // a literal or a prefix: digits, hex, dots, colons and one slash; never a name to look up
        if (!s.matches("[0-9A-Fa-f.:]{2,45}(/[0-9]{1,3})?")) {
            throw new BadRecord("device." + f + " is not an address literal or prefix");
        }
        return s;
    }

    private static Instant time(JsonNode o, String f, boolean nullable) {
        String s = text(o, f, 40, nullable);
        if (s == null) {
            return null;
        }
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            throw new BadRecord(f + " is not an ISO-8601 instant such as 2026-12-06T10:00:00Z");
        }
    }

    private static boolean bool(JsonNode o, String f) {
        JsonNode v = o.get(f);
        if (!v.isBoolean()) {
            throw new BadRecord(f + " is not true or false");
        }
        return v.booleanValue();
    }

    private static double number(JsonNode o, String f) {
        JsonNode v = o.get(f);
        if (!v.isNumber()) {
            throw new BadRecord(f + " is not a number");
        }
        return v.doubleValue();
    }

    private static long count(JsonNode o, String f) {
        JsonNode v = o.get(f);
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            throw new BadRecord(f + " is not a whole number");
        }
        return v.longValue();
    }

    private static Set<Protocol> protocols(JsonNode v) {
        if (!v.isArray() || v.size() > Protocol.values().length) {
            throw new BadRecord("device.protocols is not an array of protocol words");
        }
        Set<Protocol> out = EnumSet.noneOf(Protocol.class);
        for (JsonNode p : v) {
            Protocol found = null;
            for (Protocol q : Protocol.values()) {
                if (p.isTextual() && q.word().equals(p.textValue().toLowerCase(Locale.ROOT))) {
                    found = q;
                }
            }
            if (found == null) {
                throw new BadRecord("device.protocols holds something that is not smtp, imap, pop3 or other");
            }
            out.add(found);
        }
        return out;
    }

    private static SortedSet<Integer> ports(JsonNode v) {
        if (!v.isArray() || v.size() > 64) {
            throw new BadRecord("device.ports is not an array of at most 64 ports");
        }
        SortedSet<Integer> out = new TreeSet<>();
        for (JsonNode p : v) {
            if (!p.isInt() || p.intValue() < 1 || p.intValue() > 65535) {
                throw new BadRecord("device.ports holds something that is not a port number (1-65535)");
            }
            out.add(p.intValue());
        }
        return out;
    }
}
