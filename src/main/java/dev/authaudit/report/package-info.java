/**
 * The report-v1 model and its writers. {@link dev.authaudit.report.ReportAssembler} turns an audit's
 * verdicts into a {@link dev.authaudit.report.Report} (every list sorted most-important first), and each
 * writer renders that one model: {@link dev.authaudit.report.ReportJsonWriter} writes the JSON contract;
 * text, CSV and HTML writers read the same records. The HTML page also draws what report-v1 does not
 * carry: {@link dev.authaudit.report.ActivityCollector} watches the replay's events and parser outcomes
 * (bounded: hour buckets, thinned samples, capped subjects) and joins the verdicts afterwards into a
 * {@link dev.authaudit.report.ReportDetail}.
 */
package dev.authaudit.report;
