/** Test support shared by every module: tolerances, small fixtures and log capture. */
package org.fednpg.testing;
