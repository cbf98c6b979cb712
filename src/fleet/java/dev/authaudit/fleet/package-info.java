/**
 * The fleet: many servers' events and shipped log lines on Kafka, judged together by a Kafka Streams
 * application ({@code authaudit fleet run}) and reported per server and for the whole fleet
 * ({@code authaudit fleet report}). Its own source set and jar, with Kafka beside it; see docs/fleet.md.
 */
package dev.authaudit.fleet;
