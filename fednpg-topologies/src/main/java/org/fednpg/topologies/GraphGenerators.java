package org.fednpg.topologies;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.fednpg.api.InvalidInputException;
import org.fednpg.api.RandomSource;
import org.fednpg.api.io.InputFiles;

/**
 * The graph families of SPEC §2 and §8, as plain deterministic constructions (random families take
 * a {@link RandomSource} node and resample until connected). Node numbering: rings, paths and
 * exponential graphs follow the index; grids and tori are row-major ({@code r * cols + c}); the hub
 * of a star is node 0. Arguments are checked here and errors name the offending quantity; providers
 * prefix them with their own name.
 */
public final class GraphGenerators {

  private GraphGenerators() {}

  /** Ring with {@code k} neighbours on each side; needs {@code n >= 2k + 1}. */
  public static CommunicationGraph ring(int n, int k) {
    if (k < 1 || 2 * k + 1 > n) {
      throw new InvalidInputException(
          "ring with "
              + n
              + " agents allows neighbors in [1, "
              + (n - 1) / 2
              + "] (2k+1 <= N), got "
              + k);
    }
    List<int[]> e = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      for (int d = 1; d <= k; d++) {
        e.add(new int[] {i, (i + d) % n});
      }
    }
    return CommunicationGraph.of(n, e);
  }

  /** Path 0 – 1 – … – (n−1). */
  public static CommunicationGraph path(int n) {
    List<int[]> e = new ArrayList<>();
    for (int i = 0; i + 1 < n; i++) {
      e.add(new int[] {i, i + 1});
    }
    return CommunicationGraph.of(n, e);
  }

  /** Star with hub 0. */
  public static CommunicationGraph star(int n) {
    List<int[]> e = new ArrayList<>();
    for (int i = 1; i < n; i++) {
      e.add(new int[] {0, i});
    }
    return CommunicationGraph.of(n, e);
  }

  /** Complete graph K_n. */
  public static CommunicationGraph complete(int n) {
    List<int[]> e = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        e.add(new int[] {i, j});
      }
    }
    return CommunicationGraph.of(n, e);
  }

  /** rows × cols grid (4-neighbour), or a torus when {@code wrap}; rows·cols must equal n. */
  public static CommunicationGraph grid(int n, int rows, int cols, boolean wrap) {
    if (rows < 1 || cols < 1 || (long) rows * cols != n) {
      throw new InvalidInputException(
          "rows*cols must equal the number of agents "
              + n
              + ", got rows="
              + rows
              + ", cols="
              + cols);
    }
    List<int[]> e = new ArrayList<>();
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < cols; c++) {
        int v = r * cols + c;
        if (c + 1 < cols) {
          e.add(new int[] {v, v + 1});
        } else if (wrap && cols > 1) {
          e.add(new int[] {v, r * cols});
        }
        if (r + 1 < rows) {
          e.add(new int[] {v, v + cols});
        } else if (wrap && rows > 1) {
          e.add(new int[] {v, c});
        }
      }
    }
    return CommunicationGraph.of(n, e);
  }

  /** Hypercube on n = 2^d nodes: i ~ j when they differ in exactly one bit. */
  public static CommunicationGraph hypercube(int n) {
    if (n < 1 || Integer.bitCount(n) != 1) {
      throw new InvalidInputException("hypercube needs a power of 2 agents, got " + n);
    }
    List<int[]> e = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      for (int b = 1; b < n; b <<= 1) {
        if ((i & b) == 0) {
          e.add(new int[] {i, i | b});
        }
      }
    }
    return CommunicationGraph.of(n, e);
  }

  /**
   * Exponential graph: i ~ (i ± 2^j) mod n for 2^j &lt; n (the directed exponential graph of Ying
   * et al. 2021, symmetrised).
   */
  public static CommunicationGraph exponential(int n) {
    List<int[]> e = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      for (long d = 1; d < n; d <<= 1) {
        int j = (int) ((i + d) % n);
        if (j != i) {
          e.add(new int[] {i, j});
        }
      }
    }
    return CommunicationGraph.of(n, e);
  }

  /**
   * Erdős–Rényi G(n, p), each pair an edge independently with probability p; attempt a uses stream
   * {@code random.child(a)}; the first connected sample is returned.
   *
   * @throws InvalidInputException when no connected sample appears in {@code attempts} tries
   */
  public static CommunicationGraph erdosRenyi(int n, double p, RandomSource random, int attempts) {
    return firstConnected(
        "erdos-renyi with p=" + p,
        attempts,
        random,
        rng -> {
          List<int[]> e = new ArrayList<>();
          for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
              if (rng.nextDouble() < p) {
                e.add(new int[] {i, j});
              }
            }
          }
          return CommunicationGraph.of(n, e);
        });
  }

  /**
   * Random geometric graph: n points uniform in the unit square, an edge when their Euclidean
   * distance is at most {@code radius}; resampled until connected.
   */
  public static CommunicationGraph randomGeometric(
      int n, double radius, RandomSource random, int attempts) {
    return firstConnected(
        "random-geometric with radius=" + radius,
        attempts,
        random,
        rng -> {
          double[] x = new double[n];
          double[] y = new double[n];
          for (int i = 0; i < n; i++) {
            x[i] = rng.nextDouble();
            y[i] = rng.nextDouble();
          }
          List<int[]> e = new ArrayList<>();
          for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
              double dx = x[i] - x[j];
              double dy = y[i] - y[j];
              if (dx * dx + dy * dy <= radius * radius) {
                e.add(new int[] {i, j});
              }
            }
          }
          return CommunicationGraph.of(n, e);
        });
  }

  /**
   * Watts–Strogatz small world: the ring with k neighbours per side, then each lattice edge (i,
   * i+d) is, with probability {@code rewire}, replaced by (i, j) with j uniform among the nodes not
   * yet adjacent to i (kept when i is adjacent to all); resampled until connected.
   */
  public static CommunicationGraph wattsStrogatz(
      int n, int k, double rewire, RandomSource random, int attempts) {
    ring(n, k);
    return firstConnected(
        "watts-strogatz with rewire=" + rewire,
        attempts,
        random,
        rng -> {
          boolean[][] adj = new boolean[n][n];
          for (int i = 0; i < n; i++) {
            for (int d = 1; d <= k; d++) {
              int j = (i + d) % n;
              adj[i][j] = true;
              adj[j][i] = true;
            }
          }
          for (int d = 1; d <= k; d++) {
            for (int i = 0; i < n; i++) {
              int j = (i + d) % n;
              if (!adj[i][j] || rng.nextDouble() >= rewire) {
                continue;
              }
              int free = 0;
              for (int m = 0; m < n; m++) {
                if (m != i && !adj[i][m]) {
                  free++;
                }
              }
              if (free == 0) {
                continue;
              }
              int pick = rng.nextInt(free);
              for (int m = 0; m < n; m++) {
                if (m != i && !adj[i][m] && pick-- == 0) {
                  adj[i][j] = false;
                  adj[j][i] = false;
                  adj[i][m] = true;
                  adj[m][i] = true;
                  break;
                }
              }
            }
          }
          List<int[]> e = new ArrayList<>();
          for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
              if (adj[i][j]) {
                e.add(new int[] {i, j});
              }
            }
          }
          return CommunicationGraph.of(n, e);
        });
  }

  /**
   * Reads an edge list: one edge {@code i j} per line (separated by spaces, tabs or a comma), nodes
   * in [0, n), {@code #} starts a comment, blank lines ignored, duplicates merged.
   *
   * @throws InvalidInputException naming the file and line of the first bad line
   */
  public static CommunicationGraph readEdges(Path file, int n) {
    List<String> lines = InputFiles.readLines(file, "edge list");
    List<int[]> edges = new ArrayList<>();
    for (int ln = 0; ln < lines.size(); ln++) {
      String line = lines.get(ln);
      int hash = line.indexOf('#');
      if (hash >= 0) {
        line = line.substring(0, hash);
      }
      line = line.trim();
      if (line.isEmpty()) {
        continue;
      }
      String where = file + ":" + (ln + 1);
      String[] parts = line.split("[\\s,]+");
      if (parts.length != 2) {
        throw new InvalidInputException(
            where + ": expected two node indices 'i j', got '" + line + "'");
      }
      int[] e = new int[2];
      for (int k = 0; k < 2; k++) {
        try {
          e[k] = Integer.parseInt(parts[k]);
        } catch (NumberFormatException ex) {
          throw new InvalidInputException(
              where + ": node '" + parts[k] + "' is not a whole number", ex);
        }
        if (e[k] < 0 || e[k] >= n) {
          throw new InvalidInputException(
              where + ": node " + e[k] + " outside [0, " + (n - 1) + "] (agents = " + n + ")");
        }
      }
      if (e[0] == e[1]) {
        throw new InvalidInputException(where + ": self-loop " + e[0] + " " + e[1]);
      }
      edges.add(e);
    }
    return CommunicationGraph.of(n, edges);
  }

  /** Draws one candidate graph from a generator. */
  @FunctionalInterface
  private interface Sampler {
    CommunicationGraph sample(SplittableRandom rng);
  }

  private static CommunicationGraph firstConnected(
      String what, int attempts, RandomSource random, Sampler sampler) {
    if (attempts < 1) {
      throw new InvalidInputException("attempts must be >= 1, got " + attempts);
    }
    for (int a = 0; a < attempts; a++) {
      CommunicationGraph g = sampler.sample(random.child(a).random());
      if (g.isConnected()) {
        return g;
      }
    }
    throw new InvalidInputException(
        what
            + ": no connected graph in "
            + attempts
            + " attempts (parameter 'attempts'); increase the density or the attempts");
  }
}
