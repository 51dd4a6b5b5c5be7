package org.fednpg.api;

/** Plugin family for topologies ({@code topology: {type: NAME, ...}}). */
public interface TopologyProvider extends ComponentProvider<Topology, TopologyContext> {}
