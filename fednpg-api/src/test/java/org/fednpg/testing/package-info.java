/** Test support shared by every module: tolerances and small fixtures. */
package org.fednpg.testing;
