/**
 * Reads the configuration files authaudit reasons about. {@link dev.authaudit.config.CsfConfig} holds
 * the csf.conf settings that decide when lfd counts and blocks, so a block can be explained with the
 * server's own thresholds and open ports; a bad value stops the run with a
 * {@link dev.authaudit.config.ConfigException} naming the file, line and key.
 */
package dev.authaudit.config;
