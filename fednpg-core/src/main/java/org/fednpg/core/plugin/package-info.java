/**
 * Plugin discovery and wiring: every provider listed in {@code META-INF/services} is found with
 * {@link java.util.ServiceLoader}, bound by name into a Guice {@code MapBinder}, and reached
 * through one {@link org.fednpg.core.plugin.ComponentRegistry}; the families are declared once, in
 * {@link org.fednpg.core.plugin.ComponentRegistry.Family}. Plugin jars outside the class path load
 * through one class loader from a {@link org.fednpg.core.plugin.PluginPath}; the injector is built
 * in {@link org.fednpg.core.plugin.Plugins}.
 */
package org.fednpg.core.plugin;
