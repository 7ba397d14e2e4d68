/**
 * JMH benchmarks. Built only with {@code -Pbench}; the side-by-side scripts live beside
 * this module in {@code bench/*.sh}.
 */
package dev.stevedore.bench;
