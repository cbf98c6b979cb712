package dev.authaudit.classify;

import dev.authaudit.config.CsfConfig;
import java.time.ZoneOffset;

/** The three classifiers, sharing settings, the dictionary and one way of writing times. */
record Classifiers(AccountClassifier accounts, IpClassifier ips, BlockClassifier blocks, EvidenceText text) {

    static Classifiers create(ClassifierSettings settings, DictionaryLogins dictionary, CsfConfig csf,
                              ZoneOffset offset, boolean multiDay) {
        EvidenceText text = new EvidenceText(offset, multiDay);
        return new Classifiers(new AccountClassifier(settings, dictionary, text), new IpClassifier(settings, dictionary),
                new BlockClassifier(settings, csf, text), text);
    }
}
