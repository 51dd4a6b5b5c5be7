/** PNG figures: metric curves (XChart) and the GridWorld map (Java2D), rendered headless. */
package org.fednpg.experiments.plots;
