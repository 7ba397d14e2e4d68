/**
 * The fluent API users touch: the {@code Stevedore} engine, {@code Images} and
 * {@code Containers}. Composes the lower modules and maps between their types.
 */
package dev.stevedore;
