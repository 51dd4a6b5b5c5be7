/**
 * The natural-policy-gradient family of SPEC §3 with exact or inexact evaluation: FedNPG with
 * Q-tracking ({@code fednpg}, τ ≥ 0), the naive baseline without tracking ({@code naive}) and
 * centralised NPG on the averaged reward ({@code centralized}).
 */
package org.fednpg.core.algorithms;
