/**
 * Classic tabular benchmarks with their documented dynamics: Gymnasium's FrozenLake, CliffWalking
 * and Taxi, and pymdptoolbox's forest-management MDP, each made multi-task by a {@link
 * org.fednpg.envs.RewardSplit} rule.
 */
package org.fednpg.envs.classic;
