package org.fednpg.api;

/** Plugin family for environments ({@code environment: {type: NAME, ...}}). */
public interface EnvironmentProvider extends ComponentProvider<Environment, EnvironmentContext> {}
