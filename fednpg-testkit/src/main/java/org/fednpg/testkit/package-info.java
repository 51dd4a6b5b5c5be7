/**
 * The fednpg test kit for plugin authors: one abstract contract test per plugin family ({@link
 * org.fednpg.testkit.EnvironmentContract}, {@link org.fednpg.testkit.EvaluatorContract}, {@link
 * org.fednpg.testkit.TopologyContract}, {@link org.fednpg.testkit.AlgorithmContract}) that a
 * provider's own test extends, the independent fixtures they use ({@link
 * org.fednpg.testkit.EvaluatorFixtures}; {@code org.fednpg.testing.RandomMdps}, {@code DenseSolve},
 * {@code Tolerances}) and {@link org.fednpg.testkit.Harness}, which runs a small experiment
 * in-process. Every built-in provider passes the same contracts.
 */
package org.fednpg.testkit;
