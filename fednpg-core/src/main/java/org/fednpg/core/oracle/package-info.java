/** The oracle: (soft) value iteration on the averaged reward, the reference every metric uses. */
package org.fednpg.core.oracle;
