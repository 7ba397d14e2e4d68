/**
 * One runnable class per scenario, each short and commented; {@code ScenariosIT} runs them all.
 */
package dev.stevedore.examples.scenarios;
