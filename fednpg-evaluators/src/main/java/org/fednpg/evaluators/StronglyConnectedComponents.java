package org.fednpg.evaluators;

/**
 * Strongly connected components of a directed graph in CSR form, by Tarjan's algorithm written with
 * an explicit stack (no recursion, so a 10^6-state chain cannot overflow the call stack).
 * Components come out in reverse topological order: every edge leaving a component points into a
 * component listed earlier, which is exactly the order block back-substitution needs.
 */
final class StronglyConnectedComponents {

  /** States grouped by component, components in reverse topological order. */
  final int[] order;

  /** Component c holds {@code order[start[c] .. start[c+1])}; length components+1. */
  final int[] start;

  /** Component of each state. */
  final int[] component;

  private StronglyConnectedComponents(int[] order, int[] start, int[] component) {
    this.order = order;
    this.start = start;
    this.component = component;
  }

  int count() {
    return start.length - 1;
  }

  /**
   * Computes the components of the graph with edges {@code v -> col[k]} for k in {@code [rowPtr[v],
   * rowPtr[v+1])}.
   */
  static StronglyConnectedComponents of(int n, int[] rowPtr, int[] col) {
    int[] index = new int[n];
    int[] low = new int[n];
    boolean[] onStack = new boolean[n];
    int[] stack = new int[n];
    int stackTop = 0;
    int[] frameVertex = new int[n];
    int[] frameEdge = new int[n];
    int[] order = new int[n];
    int[] component = new int[n];
    int[] startTmp = new int[n + 1];
    int emitted = 0;
    int components = 0;
    int counter = 0;
    java.util.Arrays.fill(index, -1);
    for (int root = 0; root < n; root++) {
      if (index[root] >= 0) {
        continue;
      }
      int top = 0;
      frameVertex[0] = root;
      frameEdge[0] = rowPtr[root];
      index[root] = counter;
      low[root] = counter++;
      stack[stackTop++] = root;
      onStack[root] = true;
      while (top >= 0) {
        int v = frameVertex[top];
        if (frameEdge[top] < rowPtr[v + 1]) {
          int w = col[frameEdge[top]++];
          if (index[w] < 0) {
            index[w] = counter;
            low[w] = counter++;
            stack[stackTop++] = w;
            onStack[w] = true;
            top++;
            frameVertex[top] = w;
            frameEdge[top] = rowPtr[w];
          } else if (onStack[w] && index[w] < low[v]) {
            low[v] = index[w];
          }
          continue;
        }
        if (low[v] == index[v]) {
          startTmp[components] = emitted;
          int w;
          do {
            w = stack[--stackTop];
            onStack[w] = false;
            component[w] = components;
            order[emitted++] = w;
          } while (w != v);
          components++;
        }
        top--;
        if (top >= 0) {
          int u = frameVertex[top];
          if (low[v] < low[u]) {
            low[u] = low[v];
          }
        }
      }
    }
    startTmp[components] = emitted;
    return new StronglyConnectedComponents(
        order, java.util.Arrays.copyOf(startTmp, components + 1), component);
  }
}
