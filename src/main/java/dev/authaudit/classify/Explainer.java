package dev.authaudit.classify;

import dev.authaudit.correlate.CorrelationResult;
import dev.authaudit.correlate.ExplainFilter;
import java.util.List;
import java.util.Map;

/** Assembles the story of the one subject the run kept a timeline for. */
final class Explainer {

    Explanation explain(CorrelationResult r, Map<String, AccountAssessment> accounts, Map<String, IpAssessment> ips,
                        List<BlockAssessment> blocks) {
        ExplainFilter f = r.explainSubject();
        String verdict = null;
        double confidence = 0;
        List<String> reasons = List.of();
        List<BlockAssessment> related;
        AccountAssessment account = null;
        java.util.Map<String, SourceRole> roles = new java.util.TreeMap<>();
        if (f.address()) {
            IpAssessment ip = ips.get(f.subject());
            if (ip != null) {
                verdict = ip.verdict().word();
                confidence = ip.confidence();
                reasons = ip.reasons();
                for (String login : ip.accounts()) {
                    AccountAssessment a = accounts.get(login);
                    if (a != null && a.roles().containsKey(f.subject())) {
                        roles.put(login, a.role(f.subject()));
                    }
                }
            }
            related = blocks.stream().filter(b -> f.subject().equals(b.evidence().ip())).toList();
        } else {
            AccountAssessment a = accounts.get(f.subject());
            if (a != null) {
                verdict = a.verdict().word();
                confidence = a.confidence();
                reasons = a.reasons();
                account = a;
            }
            related = blocks.stream().filter(b -> f.subject().equals(b.account())
                    || b.evidence().logins().stream().anyMatch(c -> c.value().equals(f.subject()))).toList();
        }
        return new Explanation(f.subject(), f.address(), r.timeline(), r.timelineOmitted(), verdict, confidence,
                reasons, related, account, roles);
    }
}
