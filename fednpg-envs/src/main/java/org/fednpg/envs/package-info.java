/**
 * Built-in environments (SPEC §6): the paper's GridWorld (our reconstruction), Garnet random MDPs,
 * and the pieces the classic benchmarks share — a tabular {@link org.fednpg.api.Environment}
 * implementation, an O(1) alias-table generative model, multi-task reward split rules and
 * description helpers. Providers are registered in {@code
 * META-INF/services/org.fednpg.api.EnvironmentProvider}.
 */
package org.fednpg.envs;
