/**
 * Beyond the paper (issue 20): adversarial and faulty agents that alter what they send, and robust
 * aggregation rules that replace the mean Σ_m W_nm x_m. All definitions here are our choices.
 */
package org.fednpg.core.robust;
