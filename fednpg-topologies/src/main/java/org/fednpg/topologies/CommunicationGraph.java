package org.fednpg.topologies;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import org.fednpg.api.InvalidInputException;
import org.fednpg.api.model.MixingMatrix;
import org.jgrapht.Graph;
import org.jgrapht.alg.connectivity.ConnectivityInspector;
import org.jgrapht.graph.DefaultEdge;
import org.jgrapht.graph.SimpleGraph;

/**
 * An immutable simple undirected graph over agents {@code 0..N-1}: the communication links of SPEC
 * §2. Duplicate edges collapse and self-loops are refused; the diagonal of a mixing matrix is
 * always allowed and is not an edge. Kept as sorted adjacency arrays so weight rules and link
 * dropping are cheap; {@link #toJGraphT()} gives a JGraphT view for graph algorithms.
 */
public final class CommunicationGraph {

  private final int size;
  private final int[][] adjacency;
  private final int[][] edges;

  private CommunicationGraph(int size, int[][] adjacency) {
    this.size = size;
    this.adjacency = adjacency;
    List<int[]> list = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      for (int j : adjacency[i]) {
        if (i < j) {
          list.add(new int[] {i, j});
        }
      }
    }
    this.edges = list.toArray(new int[0][]);
  }

  /**
   * A graph from an edge list; each edge is {@code {i, j}} with {@code 0 <= i, j < n}, {@code i !=
   * j}.
   *
   * @throws InvalidInputException for out-of-range nodes or self-loops
   */
  public static CommunicationGraph of(int n, Iterable<int[]> edgeList) {
    if (n < 1) {
      throw new InvalidInputException("a graph needs at least one agent, got " + n);
    }
    List<TreeSet<Integer>> adj = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      adj.add(new TreeSet<>());
    }
    for (int[] e : edgeList) {
      int i = e[0];
      int j = e[1];
      if (i < 0 || i >= n || j < 0 || j >= n) {
        throw new InvalidInputException(
            "edge (" + i + ", " + j + ") has a node outside [0, " + (n - 1) + "]");
      }
      if (i == j) {
        throw new InvalidInputException("edge (" + i + ", " + j + ") is a self-loop");
      }
      adj.get(i).add(j);
      adj.get(j).add(i);
    }
    int[][] a = new int[n][];
    for (int i = 0; i < n; i++) {
      a[i] = adj.get(i).stream().mapToInt(Integer::intValue).toArray();
    }
    return new CommunicationGraph(n, a);
  }

  /** The graph whose edges are the off-diagonal support {W_nm ≠ 0 or W_mn ≠ 0, n ≠ m} of W. */
  public static CommunicationGraph supportOf(MixingMatrix w) {
    int n = w.size();
    List<int[]> list = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        if (w.weight(i, j) != 0 || w.weight(j, i) != 0) {
          list.add(new int[] {i, j});
        }
      }
    }
    return of(n, list);
  }

  /** N. */
  public int size() {
    return size;
  }

  /** Neighbours of {@code n}, ascending (a copy). */
  public int[] neighbors(int n) {
    return adjacency[n].clone();
  }

  public int degree(int n) {
    return adjacency[n].length;
  }

  public boolean hasEdge(int i, int j) {
    return i != j && Arrays.binarySearch(adjacency[i], j) >= 0;
  }

  /** Number of undirected edges. */
  public int edgeCount() {
    return edges.length;
  }

  /** Edges {@code {i, j}} with {@code i < j} in lexicographic order (copies). */
  public List<int[]> edges() {
    List<int[]> list = new ArrayList<>(edges.length);
    for (int[] e : edges) {
      list.add(e.clone());
    }
    return list;
  }

  public int minDegree() {
    return Arrays.stream(adjacency).mapToInt(a -> a.length).min().orElse(0);
  }

  public int maxDegree() {
    return Arrays.stream(adjacency).mapToInt(a -> a.length).max().orElse(0);
  }

  /** Whether every node has the same degree. */
  public boolean isRegular() {
    return minDegree() == maxDegree();
  }

  /** Sorted list of distinct degrees, for error messages. */
  public List<Integer> distinctDegrees() {
    TreeSet<Integer> set = new TreeSet<>();
    for (int[] a : adjacency) {
      set.add(a.length);
    }
    return new ArrayList<>(set);
  }

  /** Number of connected components (1 for a connected graph). */
  public int componentCount() {
    int[] label = componentLabels();
    return Arrays.stream(label).max().orElse(-1) + 1;
  }

  /** Whether the graph is connected (a single agent is connected). */
  public boolean isConnected() {
    return componentCount() == 1;
  }

  /** Component index of each node, numbered in order of their smallest node. */
  public int[] componentLabels() {
    int[] label = new int[size];
    Arrays.fill(label, -1);
    int next = 0;
    int[] stack = new int[size];
    for (int s = 0; s < size; s++) {
      if (label[s] >= 0) {
        continue;
      }
      int top = 0;
      stack[top++] = s;
      label[s] = next;
      while (top > 0) {
        int v = stack[--top];
        for (int u : adjacency[v]) {
          if (label[u] < 0) {
            label[u] = next;
            stack[top++] = u;
          }
        }
      }
      next++;
    }
    return label;
  }

  /** A JGraphT copy (vertices are the agent indices). */
  public Graph<Integer, DefaultEdge> toJGraphT() {
    Graph<Integer, DefaultEdge> g = new SimpleGraph<>(DefaultEdge.class);
    for (int i = 0; i < size; i++) {
      g.addVertex(i);
    }
    for (int[] e : edges) {
      g.addEdge(e[0], e[1]);
    }
    return g;
  }

  /** Connectivity through JGraphT, an independent check of {@link #isConnected()}. */
  boolean isConnectedJGraphT() {
    return new ConnectivityInspector<>(toJGraphT()).isConnected();
  }

  /** The subgraph on the same nodes keeping the edges whose index k in {@link #edges()} is kept. */
  CommunicationGraph keepEdges(boolean[] keep) {
    List<int[]> list = new ArrayList<>();
    for (int k = 0; k < edges.length; k++) {
      if (keep[k]) {
        list.add(edges[k]);
      }
    }
    return of(size, list);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CommunicationGraph g && size == g.size && Arrays.deepEquals(edges, g.edges);
  }

  @Override
  public int hashCode() {
    return 31 * size + Arrays.deepHashCode(edges);
  }

  @Override
  public String toString() {
    return "CommunicationGraph[N=" + size + ", edges=" + edges.length + "]";
  }
}
