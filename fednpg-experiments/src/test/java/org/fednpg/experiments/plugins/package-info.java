/** Test-only plugins proving discovery of third-party providers. */
package org.fednpg.experiments.plugins;
