package org.fednpg.core.runtime;

import java.util.ArrayList;
import java.util.List;

/**
 * A process-wide collector of {@link RunProfile}s for tools that start runs through layers that do
 * not pass results back (e.g. {@code fednpg run --profile}). Off by default; while on, every
 * in-process run adds its profile when it finishes.
 */
public final class RunProfiles {

  private static final List<RunProfile> RECORDED = new ArrayList<>();
  private static volatile boolean recording;

  private RunProfiles() {}

  /** Starts collecting profiles of the runs that finish from now on. */
  public static void startRecording() {
    recording = true;
  }

  /** Stops collecting and returns what was collected, in finishing order. */
  public static List<RunProfile> stopRecording() {
    recording = false;
    synchronized (RECORDED) {
      List<RunProfile> out = List.copyOf(RECORDED);
      RECORDED.clear();
      return out;
    }
  }

  static void publish(RunProfile profile) {
    if (recording) {
      synchronized (RECORDED) {
        RECORDED.add(profile);
      }
    }
  }

  /** Whether profiles are being collected. */
  public static boolean recording() {
    return recording;
  }
}
