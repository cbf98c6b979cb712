/**
 * Text every stage writes for people: {@link dev.authaudit.text.Escape} makes a string taken from a log
 * (attacker-controlled) safe for the terminal, a CSV cell, HTML and a mail header, with one idea of what
 * is unsafe. Like {@code event}, any stage may depend on it.
 */
package dev.authaudit.text;
