package org.fednpg.envs;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.fednpg.api.InvalidInputException;
import org.fednpg.api.model.MultiTaskMdp;
import org.fednpg.api.model.RewardTable;
import org.fednpg.api.model.TransitionKernel;

/**
 * The paper's GridWorld as fixed by SPEC §6 (our reconstruction of the experiment of Yang et al.,
 * arXiv 2311.00201; the paper does not give every rule). K×K cells, state s = row·K + col, start
 * (0, 0) with ρ a point mass, goal (K−1, K−1). Actions 0 = RIGHT, 1 = DOWN, deterministic; a move
 * off the grid stays; the goal is absorbing. A monotone path of 2K−2 moves joins start and goal;
 * the 2K−2 cells it enters (goal included, start excluded) are cut into N contiguous segments in
 * path order, as equal as possible, earlier segments one cell longer (empty when N > 2K−2). Agent n
 * earns 1 for a move into a different cell of segment n, else 0; hence V*(start) = (1/N)
 * Σ_{k=0}^{2K−3} γ^k, reached by following the path.
 */
public final class GridWorld extends TabularEnvironment {

  /** Action RIGHT (column + 1). */
  public static final int RIGHT = 0;

  /** Action DOWN (row + 1). */
  public static final int DOWN = 1;

  /**
   * What is needed to draw the map.
   *
   * @param size K
   * @param path the moves, a string of {@code R}/{@code D} of length 2K−2
   * @param cells the 2K−2 cells the path enters, in path order (state indices row·K + col)
   * @param segments the agent (segment) owning each entry of {@code cells}
   * @param agents N
   */
  public record Layout(
      int size, String path, List<Integer> cells, List<Integer> segments, int agents) {

    public Layout {
      cells = List.copyOf(cells);
      segments = List.copyOf(segments);
    }

    /** The start state, 0. */
    public int start() {
      return 0;
    }

    /** The goal state, K² − 1. */
    public int goal() {
      return size * size - 1;
    }

    /** The state of (row, col). */
    public int state(int row, int col) {
      return row * size + col;
    }

    /** The cells of segment {@code agent}, in path order (possibly none). */
    public List<Integer> segmentCells(int agent) {
      List<Integer> out = new ArrayList<>();
      for (int i = 0; i < cells.size(); i++) {
        if (segments.get(i) == agent) {
          out.add(cells.get(i));
        }
      }
      return out;
    }
  }

  private final Layout layout;

  /**
   * Lazy (our choice, issue 19): the kernel is built here, the rewards on demand, so a cluster node
   * builds only its own agents' segments.
   */
  private GridWorld(
      MultiTaskMdp kernelOnly,
      java.util.function.Supplier<MultiTaskMdp> complete,
      java.util.function.IntFunction<RewardTable> reward,
      Layout layout) {
    super(kernelOnly, complete, reward, m -> render(m, layout), info(layout));
    this.layout = layout;
  }

  /** The map: K, path, entered cells and their segments. */
  public Layout layout() {
    return layout;
  }

  /**
   * Builds the GridWorld for an explicit path.
   *
   * @param size K >= 2
   * @param agents N >= 1
   * @param path 2K−2 letters {@code R}/{@code D} with K−1 of each
   * @param gamma discount in [0, 1)
   * @throws InvalidInputException naming {@code size}, {@code agents} or {@code path}
   */
  public static GridWorld create(int size, int agents, String path, double gamma) {
    checkSize(size);
    if (agents < 1) {
      throw new InvalidInputException("parameter 'agents' must be >= 1, got " + agents);
    }
    checkPath(size, path);
    int moves = 2 * size - 2;
    int[] cells = new int[moves];
    int row = 0;
    int col = 0;
    for (int i = 0; i < moves; i++) {
      if (path.charAt(i) == 'R') {
        col++;
      } else {
        row++;
      }
      cells[i] = row * size + col;
    }
    int states = size * size;
    int[] segmentOf = new int[states];
    java.util.Arrays.fill(segmentOf, -1);
    List<Integer> cellList = new ArrayList<>(moves);
    List<Integer> segList = new ArrayList<>(moves);
    int base = moves / agents;
    int extra = moves % agents;
    int i = 0;
    for (int n = 0; n < agents; n++) {
      int length = base + (n < extra ? 1 : 0);
      for (int j = 0; j < length; j++, i++) {
        segmentOf[cells[i]] = n;
        cellList.add(cells[i]);
        segList.add(n);
      }
    }
    TransitionKernel.Builder kb = TransitionKernel.builder(states, 2);
    int[] targets = new int[states * 2];
    for (int s = 0; s < states; s++) {
      int r = s / size;
      int c = s % size;
      for (int a = 0; a < 2; a++) {
        int target;
        if (s == states - 1) {
          target = s;
        } else if (a == RIGHT) {
          target = c + 1 < size ? s + 1 : s;
        } else {
          target = r + 1 < size ? s + size : s;
        }
        kb.add(s, a, target, 1.0);
        targets[s * 2 + a] = target;
      }
    }
    double[] rho = new double[states];
    rho[0] = 1.0;
    String name = "gridworld-" + size + "x" + size + "-n" + agents;
    TransitionKernel kernel = kb.build();
    MultiTaskMdp kernelOnly = MultiTaskMdp.partial(name, kernel, gamma, rho, agents, Map.of());
    Layout layout = new Layout(size, path, cellList, segList, agents);
    return new GridWorld(
        kernelOnly,
        () -> {
          double[][] rewards = new double[agents][states * 2];
          for (int sa = 0; sa < targets.length; sa++) {
            int target = targets[sa];
            if (target != sa / 2 && segmentOf[target] >= 0) {
              rewards[segmentOf[target]][sa] = 1.0;
            }
          }
          List<RewardTable> tables = new ArrayList<>(agents);
          for (double[] t : rewards) {
            tables.add(RewardTable.of(states, 2, t));
          }
          return MultiTaskMdp.of(name, kernel, gamma, rho, tables);
        },
        n -> {
          double[] t = new double[states * 2];
          for (int sa = 0; sa < targets.length; sa++) {
            int target = targets[sa];
            if (target != sa / 2 && segmentOf[target] == n) {
              t[sa] = 1.0;
            }
          }
          return RewardTable.of(states, 2, t);
        },
        layout);
  }

  /**
   * A monotone path drawn uniformly among the C(2K−2, K−1) of them: the K−1 positions of the {@code
   * D} moves form a uniform random subset (selection sampling, Knuth's Algorithm S).
   */
  public static String randomPath(int size, SplittableRandom random) {
    checkSize(size);
    int moves = 2 * size - 2;
    int downsLeft = size - 1;
    StringBuilder b = new StringBuilder(moves);
    for (int i = 0; i < moves; i++) {
      int remaining = moves - i;
      if (random.nextInt(remaining) < downsLeft) {
        b.append('D');
        downsLeft--;
      } else {
        b.append('R');
      }
    }
    return b.toString();
  }

  private static void checkSize(int size) {
    if (size < 2 || size > 46_340) {
      throw new InvalidInputException("parameter 'size' must be in [2, 46340], got " + size);
    }
  }

  private static void checkPath(int size, String path) {
    int moves = 2 * size - 2;
    if (path.length() != moves) {
      throw new InvalidInputException(
          "parameter 'path' must have 2K-2 = "
              + moves
              + " letters R/D for size "
              + size
              + ", got "
              + path.length()
              + " ('"
              + path
              + "')");
    }
    int downs = 0;
    for (int i = 0; i < moves; i++) {
      char ch = path.charAt(i);
      if (ch == 'D') {
        downs++;
      } else if (ch != 'R') {
        throw new InvalidInputException(
            "parameter 'path' may only contain R and D, found '"
                + ch
                + "' at position "
                + i
                + " in '"
                + path
                + "'");
      }
    }
    if (downs != size - 1) {
      throw new InvalidInputException(
          "parameter 'path' must have "
              + (size - 1)
              + " R and "
              + (size - 1)
              + " D to reach the goal, got "
              + downs
              + " D in '"
              + path
              + "'");
    }
  }

  private static Map<String, Object> info(Layout layout) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("size", layout.size());
    m.put("path", layout.path());
    return m;
  }

  /**
   * The summary plus a map: one column per cell, {@code S} start, {@code G} goal, {@code .} off the
   * path, and the owning agent's number on each other path cell.
   */
  private static String render(MultiTaskMdp mdp, Layout layout) {
    int k = layout.size();
    String[] mark = new String[k * k];
    for (int i = 0; i < layout.cells().size(); i++) {
      mark[layout.cells().get(i)] = Integer.toString(layout.segments().get(i));
    }
    mark[layout.start()] = "S";
    mark[layout.goal()] = "G";
    int width = Integer.toString(Math.max(0, layout.agents() - 1)).length();
    StringBuilder b = new StringBuilder(EnvironmentDescriptions.summary(mdp));
    b.append("path ").append(layout.path()).append(" (R = right, D = down)\n");
    for (int n = 0; n < layout.agents(); n++) {
      List<Integer> seg = layout.segmentCells(n);
      b.append("segment ").append(n).append(": ");
      if (seg.isEmpty()) {
        b.append("empty");
      } else {
        b.append(seg.size())
            .append(seg.size() == 1 ? " cell, " : " cells, ")
            .append(cell(k, seg.get(0)))
            .append(" .. ")
            .append(cell(k, seg.get(seg.size() - 1)));
      }
      b.append('\n');
    }
    b.append("map (S start, G goal in segment ")
        .append(layout.segments().get(layout.segments().size() - 1))
        .append(", numbers = agent owning the path cell):\n");
    for (int r = 0; r < k; r++) {
      for (int c = 0; c < k; c++) {
        String m = mark[r * k + c] == null ? "." : mark[r * k + c];
        if (c > 0) {
          b.append(' ');
        }
        b.append(String.join("", Collections.nCopies(width - m.length(), " "))).append(m);
      }
      b.append('\n');
    }
    return b.toString();
  }

  private static String cell(int k, int s) {
    return "(" + s / k + "," + s % k + ")";
  }
}
