/**
 * The {@code fednpg-mdp/1} JSON file format (SPEC §7): a strict reader (Jackson streaming) with
 * one-line errors naming the file and entry, an atomic writer that round-trips exactly, and the
 * {@code file} environment provider.
 */
package org.fednpg.envs.io;
