package org.fednpg.evaluators;

import java.util.Arrays;

/**
 * The fixed sparsity pattern of one large strongly connected block of I − γP_π, in local CSR
 * form with sorted columns and an explicit diagonal. Immutable and shared by every thread; the
 * numbers live in a per-thread {@link SparseBlockSolver}.
 */
final class SparseBlock {

  /** Block size. */
  final int size;
  /** Local CSR row pointer (size+1). */
  final int[] rowPtr;
  /** Local column of each entry, ascending within a row. */
  final int[] col;
  /** Global P_π slot of each entry, or −1 for a diagonal entry absent from P_π's pattern. */
  final int[] slot;
  /** Entry index of the diagonal of each row. */
  final int[] diag;

  /**
   * Extracts the block.
   *
   * @param states the block's states in local order
   * @param component component of every state; this block is {@code component[states[0]]}
   * @param localIndex local index of every state within its component
   * @param rowPtr global P_π CSR row pointer
   * @param col global P_π columns
   */
  SparseBlock(int[] states, int[] component, int[] localIndex, int[] rowPtr, int[] col) {
    size = states.length;
    int block = component[states[0]];
    this.rowPtr = new int[size + 1];
    int nnz = 0;
    for (int i = 0; i < size; i++) {
      int s = states[i];
      boolean hasDiag = false;
      for (int k = rowPtr[s]; k < rowPtr[s + 1]; k++) {
        if (component[col[k]] == block) {
          nnz++;
          hasDiag |= col[k] == s;
        }
      }
      if (!hasDiag) {
        nnz++;
      }
      this.rowPtr[i + 1] = nnz;
    }
    this.col = new int[nnz];
    this.slot = new int[nnz];
    this.diag = new int[size];
    long[] packed = new long[64];
    for (int i = 0; i < size; i++) {
      int s = states[i];
      int count = 0;
      boolean hasDiag = false;
      for (int k = rowPtr[s]; k < rowPtr[s + 1]; k++) {
        if (component[col[k]] == block) {
          if (count == packed.length) {
            packed = Arrays.copyOf(packed, 2 * count);
          }
          packed[count++] = ((long) localIndex[col[k]] << 32) | (k + 1L);
          hasDiag |= col[k] == s;
        }
      }
      if (!hasDiag) {
        if (count == packed.length) {
          packed = Arrays.copyOf(packed, 2 * count);
        }
        packed[count++] = (long) i << 32;
      }
      Arrays.sort(packed, 0, count);
      int base = this.rowPtr[i];
      for (int j = 0; j < count; j++) {
        this.col[base + j] = (int) (packed[j] >>> 32);
        this.slot[base + j] = (int) (packed[j] & 0xffffffffL) - 1;
        if (this.col[base + j] == i) {
          diag[i] = base + j;
        }
      }
    }
  }
}
