package dev.authaudit.report;

import dev.authaudit.classify.AccountAssessment;
import dev.authaudit.classify.AuditResult;
import dev.authaudit.classify.BlockAssessment;
import dev.authaudit.classify.IpAssessment;
import dev.authaudit.correlate.BlockEvidence;
import dev.authaudit.correlate.CorrelationResult;
import dev.authaudit.correlate.SourceEvidence;
import dev.authaudit.event.Protocol;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.RandomAccess;
import java.util.Set;
import java.util.TreeSet;

/**
 * Builds a {@link Report} from an audit's verdicts, in the offset the logs were written in, with every
 * list sorted most-important first (most failures, then earliest).
 */
public final class ReportAssembler {
    /** The protocols but {@link Protocol#OTHER} in their natural order, one list per combination (see {@link #sorted}). */
    private static final List<List<Protocol>> SORTED_PROTOCOLS = sortedProtocols();

    /**
     * Returns the report.
     *
     * @param generatedAt when the report is made (the caller reads the clock)
     * @param inputs one entry per file read
     * @param notices the notices this run sent, drafted or held back
     */
    public Report assemble(AuditResult result, OffsetDateTime generatedAt, List<InputSummary> inputs,
                           List<NoticeEntry> notices) {
        CorrelationResult r = result.correlation();
        ZoneOffset offset = r.offset();
        List<AccountEntry> accounts = result.accounts().stream().map(a -> account(a, offset))
                .sorted(Comparator.comparingLong(AccountEntry::failures).reversed()
                        .thenComparing(AccountEntry::detectedAt, Comparator.nullsLast(Comparator.naturalOrder()))
                        .thenComparing(AccountEntry::account))
                .toList();
        IpAssessment[] ipOrder = result.ips().toArray(new IpAssessment[0]);
        Arrays.sort(ipOrder, ReportAssembler::compareIps);
        List<IpEntry> ips = new IpEntries(ipOrder);
        List<BlockEntry> blocks = result.blocks().stream().map(b -> block(b, offset))
                .sorted(Comparator.comparingLong(BlockEntry::failures).reversed()
                        .thenComparing(BlockEntry::at).thenComparing(BlockEntry::ip,
                                Comparator.nullsLast(Comparator.naturalOrder())))
                .toList();
        List<NoticeEntry> sortedNotices = notices.stream()
                .sorted(Comparator.comparing(NoticeEntry::at).thenComparing(NoticeEntry::account)).toList();
        return new Report(Report.SCHEMA, generatedAt, new Period(at(r.from(), offset), at(r.to(), offset)), inputs,
                accounts, ips, blocks, sortedNotices,
                new Omissions(r.omitted().accounts(), r.omitted().ips(), r.omitted().blocks()));
    }

    private static AccountEntry account(AccountAssessment a, ZoneOffset offset) {
        // an array sorted and a loop, not a stream: run for every login at the end of a scan, the stream's
        // pipeline and its chain of comparators made one of the larger compiles of the report
        SourceEvidence[] order = a.evidence().sources().toArray(new SourceEvidence[0]);
        Arrays.sort(order, ReportAssembler::compareSources);
        SourceEntry[] sources = new SourceEntry[order.length];
        for (int i = 0; i < order.length; i++) {
            sources[i] = source(a, order[i], offset);
        }
        return new AccountEntry(a.account(), a.verdict(), a.confidence(), at(a.detectedAt(), offset),
                a.evidence().failures(), a.evidence().successes(), List.of(sources), a.reasons());
    }

    /** A login's source in the report: a failing one shows the protocols and ports of its failures, the ones its reasons may name. */
    private static SourceEntry source(AccountAssessment a, SourceEvidence s, ZoneOffset offset) {
        return new SourceEntry(s.ip(), s.failures(), s.successes(),
                sorted(s.failures() > 0 ? s.failureProtocols() : s.protocols()),
                s.failures() > 0 ? s.failurePorts() : s.ports(), at(s.first(), offset), at(s.last(), offset),
                a.role(s.ip()));
    }

    /** Orders a login's sources most failures first, then earliest first seen (unknown last). */
    private static int compareSources(SourceEvidence a, SourceEvidence b) {
        int c = Long.compare(b.failures(), a.failures());
        if (c != 0) {
            return c;
        }
        Instant fa = a.first();
        Instant fb = b.first();
        if (fa == null || fb == null) {
            return fa == fb ? 0 : fa == null ? 1 : -1;
        }
        return fa.compareTo(fb);
    }

    /**
     * Orders addresses most failures first, then earliest first seen (unknown last), then by address: one
     * comparison without a chain of key extractors, for the ~100,000 addresses of a botnet day.
     */
    private static int compareIps(IpAssessment a, IpAssessment b) {
        int c = Long.compare(b.evidence().failures(), a.evidence().failures());
        if (c != 0) {
            return c;
        }
        Instant fa = a.evidence().first();
        Instant fb = b.evidence().first();
        if (fa == null || fb == null) {
            c = fa == fb ? 0 : fa == null ? 1 : -1;
        } else {
            c = fa.compareTo(fb);
        }
        return c != 0 ? c : a.ip().compareTo(b.ip());
    }

    /**
     * The report's addresses in report order, each entry made from its assessment when it is read: the botnet day's
     * 100,000 entries are then written one by one as they are made and die young, instead of being made together
     * and kept (promoted to the old generation) until the last is written. Read-only; equal to a list of the
     * same entries.
     */
    static final class IpEntries extends AbstractList<IpEntry> implements RandomAccess {
        private final IpAssessment[] order;

        private IpEntries(IpAssessment[] order) {
            this.order = order;
        }

        @Override
        public IpEntry get(int index) {
            return ip(order[index]);
        }

        @Override
        public int size() {
            return order.length;
        }
    }

    private static IpEntry ip(IpAssessment a) {
        return new IpEntry(a.ip(), a.verdict(), a.confidence(), a.accounts(), a.evidence().failures(),
                a.evidence().successes(), a.evidence().blocks(), a.reasons(),
                Math.max(a.evidence().distinctLogins(), a.evidence().distinctFailedLogins()), a.claims());
    }

    private static BlockEntry block(BlockAssessment a, ZoneOffset offset) {
        BlockEvidence b = a.evidence();
        TreeSet<Integer> ports = new TreeSet<>(b.blockPorts());
        ports.addAll(b.dropPorts());
        return new BlockEntry(b.ip(), at(b.at(), offset), b.source(), b.trigger(), b.hits(), List.copyOf(ports),
                a.cause(), a.confidence(), a.account(), b.failures(), at(b.liftedAt(), offset), a.reasons(), a.claims());
    }

    /**
     * Returns the instant at the offset, as {@link Instant#atOffset} does, without asking the offset for its rules
     * (a new rules object with a table of its own each time, several per login's source).
     */
    private static OffsetDateTime at(Instant t, ZoneOffset offset) {
        return t == null ? null
                : OffsetDateTime.of(LocalDateTime.ofEpochSecond(t.getEpochSecond(), t.getNano(), offset), offset);
    }

    private static List<List<Protocol>> sortedProtocols() {
        Protocol[] all = Protocol.values();
        List<List<Protocol>> out = new ArrayList<>(1 << all.length);
        for (int mask = 0; mask < 1 << all.length; mask++) {
            List<Protocol> list = new ArrayList<>();
            for (Protocol p : all) {
                if (p != Protocol.OTHER && (mask & 1 << p.ordinal()) != 0) {
                    list.add(p);
                }
            }
            out.add(List.copyOf(list));
        }
        return List.copyOf(out);
    }

    /** Returns a source's protocols but {@link Protocol#OTHER}, sorted: a made list, where a stream sorted each. */
    private static List<Protocol> sorted(Set<Protocol> protocols) {
        int mask = 0;
        for (Protocol p : protocols) {
            mask |= 1 << p.ordinal();
        }
        return SORTED_PROTOCOLS.get(mask);
    }
}
