package org.fednpg.evaluators;

/** One thread's BiCGSTAB vectors, sized for the largest block; reused by every solve. */
final class KrylovScratch {

  final double[] r;
  final double[] rHat;
  final double[] p;
  final double[] v;
  final double[] s;
  final double[] t;
  final double[] x;
  final double[] pHat;
  final double[] sHat;

  KrylovScratch(int size) {
    r = new double[size];
    rHat = new double[size];
    p = new double[size];
    v = new double[size];
    s = new double[size];
    t = new double[size];
    x = new double[size];
    pHat = new double[size];
    sHat = new double[size];
  }
}
