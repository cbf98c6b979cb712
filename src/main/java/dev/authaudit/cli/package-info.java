/**
 * The command line (picocli): one class per subcommand. This is the only package that wires stages
 * together and the only one that reads the wall clock.
 */
package dev.authaudit.cli;
