/**
 * Reading the firewall's and our own configuration into immutable records, validated at load time
 * with messages that name the file, line, key and the expected value.
 */
package dev.authaudit.config;
