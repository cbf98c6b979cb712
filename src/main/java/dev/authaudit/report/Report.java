package dev.authaudit.report;

import static java.util.Objects.requireNonNull;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * A report-v1 document: what was read, the verdicts on logins and addresses, every block explained and
 * the notices. Lists are sorted most-important first.
 *
 * @param schema always {@value #SCHEMA}
 * @param generatedAt when the report was made (given by the caller; the engine never reads the wall clock)
 * @param omitted what the memory bounds left out (an addition to report-v1)
 * @param actions firewall decisions about blocks (an addition to report-v1; empty unless actions ran)
 */
public record Report(String schema, OffsetDateTime generatedAt, Period period, List<InputSummary> inputs,
                     List<AccountEntry> accounts, List<IpEntry> ips, List<BlockEntry> blocks,
                     List<NoticeEntry> notices, Omissions omitted, List<ActionEntry> actions) {

    /** The schema word of this version. */
    public static final String SCHEMA = "authaudit-report/1";

    public Report {
        requireNonNull(generatedAt, "generatedAt");
        requireNonNull(period, "period");
        inputs = List.copyOf(inputs);
        accounts = List.copyOf(accounts);
        // the assembler's entries are made as they are read (see ReportAssembler.IpEntries): kept as they are
        ips = ips instanceof ReportAssembler.IpEntries ? ips : List.copyOf(ips);
        blocks = List.copyOf(blocks);
        notices = List.copyOf(notices);
        actions = actions == null ? List.of() : List.copyOf(actions);
    }

    /** Creates a report without firewall actions. */
    public Report(String schema, OffsetDateTime generatedAt, Period period, List<InputSummary> inputs,
                  List<AccountEntry> accounts, List<IpEntry> ips, List<BlockEntry> blocks, List<NoticeEntry> notices,
                  Omissions omitted) {
        this(schema, generatedAt, period, inputs, accounts, ips, blocks, notices, omitted, List.of());
    }

    /** Returns a copy carrying {@code actions}. */
    public Report withActions(List<ActionEntry> actions) {
        return new Report(schema, generatedAt, period, inputs, accounts, ips, blocks, notices, omitted, actions);
    }
}
