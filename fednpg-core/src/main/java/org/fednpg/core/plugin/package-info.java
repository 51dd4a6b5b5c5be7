/**
 * Plugin discovery and wiring: every provider listed in {@code META-INF/services} is found with
 * {@link java.util.ServiceLoader}, bound by name into a Guice {@code MapBinder}, and reached through
 * one {@link org.fednpg.core.plugin.ComponentRegistry}. The injector is built once, in
 * {@link org.fednpg.core.plugin.Plugins#registry()}.
 */
package org.fednpg.core.plugin;
