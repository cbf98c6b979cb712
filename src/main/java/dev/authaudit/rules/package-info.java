/**
 * Loads the declarative parser rules ({@code rules/parsers/*.yaml}, plus site overrides from
 * {@code --rules-dir}) into an immutable {@link dev.authaudit.rules.RuleSet}. Everything that can be
 * checked without reading logs is checked here, and a bad rule stops the run with file:line, the rule
 * id and what to fix.
 */
package dev.authaudit.rules;
