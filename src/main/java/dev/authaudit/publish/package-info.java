/**
 * Sending events on to another system ({@code watch --publish}): the product's side is this interface; an
 * implementation comes from a jar of its own (the fleet's Kafka publisher), found by {@link java.util.ServiceLoader}.
 */
package dev.authaudit.publish;
