package dev.authaudit.tune;

import java.util.List;

/**
 * Everything {@code authaudit tune} found: how well each model reproduces the real firewall, what the
 * current settings and each alternative do, the recommendations and the closed mail ports.
 *
 * @param settings the lfd settings replayed
 * @param csfSource where they came from (a csf.conf path, or "csf defaults")
 * @param lfdAgreement the lfd model against lfd.log's block lines
 * @param lfdCurrent what the current lfd settings do
 * @param lfdAlternatives what each lfd alternative does
 * @param lfdCombined what all recommended lfd changes together do, or null when none is recommended
 * @param jails the fail2ban jails modelled (empty without {@code --jail-conf})
 * @param fail2banAgreement the jails against fail2ban's Ban lines, or null without jails
 * @param fail2banCurrent what the current jails do, or null without jails
 * @param fail2banAlternatives what each jail alternative does
 * @param recommendations the advice, lfd first
 * @param closedPorts mail ports customers try that the firewall does not open
 */
public record TuneReport(LfdSettings settings, String csfSource, Agreement lfdAgreement, Outcome lfdCurrent,
                         List<Alternative> lfdAlternatives, Outcome lfdCombined, List<Fail2banJail> jails,
                         Agreement fail2banAgreement, Outcome fail2banCurrent, List<Alternative> fail2banAlternatives,
                         List<Recommendation> recommendations, List<PortFinding> closedPorts) {
    public TuneReport {
        lfdAlternatives = List.copyOf(lfdAlternatives);
        jails = List.copyOf(jails);
        fail2banAlternatives = List.copyOf(fail2banAlternatives);
        recommendations = List.copyOf(recommendations);
        closedPorts = List.copyOf(closedPorts);
    }
}
