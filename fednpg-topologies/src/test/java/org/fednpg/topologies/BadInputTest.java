package org.fednpg.topologies;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.assertj.core.api.AbstractThrowableAssert;
import org.fednpg.api.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Malformed files and bad parameters are {@link InvalidInputException}s naming what is wrong. */
class BadInputTest {

  @TempDir Path dir;

  private AbstractThrowableAssert<?, ? extends Throwable> loading(String csv, int agents)
      throws IOException {
    Path file = dir.resolve("W.csv");
    Files.writeString(file, csv);
    return assertThatThrownBy(
            () -> TopologyTesting.build("file", Map.of("path", "W.csv"), agents, 1, dir))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("W.csv");
  }

  private static AbstractThrowableAssert<?, ? extends Throwable> building(
      String name, Map<String, ?> params, int agents) {
    return assertThatThrownBy(() -> TopologyTesting.build(name, params, agents, 1))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("topology '" + name + "'");
  }

  @Test
  void nonSquareCsv() throws IOException {
    loading("0.5,0.5\n0.5,0.5\n0.5,0.5\n", 3).hasMessageContaining("not square");
  }

  @Test
  void raggedCsv() throws IOException {
    loading("0.5,0.5\n0.5,0.25,0.25\n", 2)
        .hasMessageContaining("line 2")
        .hasMessageContaining("3 columns");
  }

  @Test
  void nonNumericCsv() throws IOException {
    loading("0.5,0.5,0\n0.5,0.5,abc\n0,0,1\n", 3)
        .hasMessageContaining("line 2, column 3")
        .hasMessageContaining("'abc'");
  }

  @Test
  void negativeEntry() throws IOException {
    loading("1.5,-0.5\n-0.5,1.5\n", 2)
        .hasMessageContaining("row 0, column 1")
        .hasMessageContaining("negative");
  }

  @Test
  void columnsNotSummingToOneNameTheColumn() throws IOException {
    // rows sum to 1; columns 0.75, 1.25, 1.0
    loading("0.5,0.5,0\n0.25,0.5,0.25\n0,0.25,0.75\n", 3)
        .hasMessageContaining("column 0 sums to 0.75")
        .hasMessageContaining("stochastic: row");
  }

  @Test
  void rowsNotSummingToOne() throws IOException {
    loading("0.5,0.4\n0.4,0.5\n", 2).hasMessageContaining("row 0 sums to 0.9");
  }

  @Test
  void disconnectedMatrix() throws IOException {
    loading("0.5,0.5,0,0\n0.5,0.5,0,0\n0,0,0.5,0.5\n0,0,0.5,0.5\n", 4)
        .hasMessageContaining("disconnected")
        .hasMessageContaining("2 components");
  }

  @Test
  void sigmaOneFromBipartiteZeroDiagonal() throws IOException {
    loading("0,1\n1,0\n", 2).hasMessageContaining("σ").hasMessageContaining("not < 1");
  }

  @Test
  void wrongNumberOfAgents() throws IOException {
    loading("0.5,0.5\n0.5,0.5\n", 3).hasMessageContaining("2x2").hasMessageContaining("3 agents");
  }

  @Test
  void emptyCsv() throws IOException {
    loading("\n\n", 2).hasMessageContaining("empty");
  }

  @Test
  void missingFile() {
    assertThatThrownBy(() -> TopologyTesting.build("file", Map.of("path", "none.csv"), 2, 1, dir))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("none.csv");
  }

  @Test
  void ringNeighborsTooLarge() {
    building("ring", Map.of("neighbors", 5), 10)
        .hasMessageContaining("'neighbors'")
        .hasMessageContaining("[1, 4]");
    building("ring", Map.of("neighbors", 0), 10).hasMessageContaining("'neighbors'");
    building("ring", Map.of(), 2).hasMessageContaining("'neighbors'");
    building("watts-strogatz", Map.of("neighbors", 3), 6).hasMessageContaining("'neighbors'");
  }

  @Test
  void gridShapeMustMatchAgents() {
    building("grid", Map.of("rows", 3, "cols", 4), 10).hasMessageContaining("rows*cols");
    building("torus", Map.of("rows", 2, "cols", 2), 5).hasMessageContaining("rows*cols");
    building("grid", Map.of("rows", 0, "cols", 4), 0).hasMessageContaining("'rows'");
  }

  @Test
  void hypercubeNeedsPowerOfTwo() {
    building("hypercube", Map.of(), 6).hasMessageContaining("power of 2");
  }

  @Test
  void probabilitiesOutOfRange() {
    building("erdos-renyi", Map.of("p", 0.0), 5).hasMessageContaining("'p'");
    building("erdos-renyi", Map.of("p", 1.5), 5).hasMessageContaining("'p'");
    building("random-geometric", Map.of("radius", -1.0), 5).hasMessageContaining("'radius'");
    building("watts-strogatz", Map.of("rewire", 1.1), 9).hasMessageContaining("'rewire'");
  }

  @Test
  void dropOutOfRange() {
    building("ring", Map.of("drop", 1.0), 5).hasMessageContaining("'drop'");
    building("ring", Map.of("drop", -0.1), 5).hasMessageContaining("'drop'");
    assertThatThrownBy(() -> TopologyTesting.build("file", Map.of("path", "x", "drop", 1.0), 2, 1))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("'drop'");
  }

  @Test
  void equalWeightsRefuseIrregularGraphs() {
    building("star", Map.of("weights", "equal"), 5)
        .hasMessageContaining("regular")
        .hasMessageContaining("[1, 4]");
  }

  @Test
  void baseOnlyWithLazy() {
    building("ring", Map.of("base", "random"), 5).hasMessageContaining("'base'");
  }

  @Test
  void connectednessCapExceeded() {
    building("erdos-renyi", Map.of("p", 0.01, "attempts", 5), 30)
        .hasMessageContaining("5 attempts");
    building("random-geometric", Map.of("radius", 0.01, "attempts", 3), 30)
        .hasMessageContaining("3 attempts");
  }

  @Test
  void edgeListWithTwoComponents() throws IOException {
    Files.writeString(
        dir.resolve("g.txt"), "# two triangles\n0 1\n1 2\n2 0\n\n3 4\n4 5 # c\n5 3\n");
    assertThatThrownBy(() -> TopologyTesting.build("edges", Map.of("path", "g.txt"), 6, 1, dir))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("disconnected")
        .hasMessageContaining("2 components");
  }

  @Test
  void edgeListBadLines() throws IOException {
    Files.writeString(dir.resolve("g.txt"), "0 1\n1 x\n");
    assertThatThrownBy(() -> TopologyTesting.build("edges", Map.of("path", "g.txt"), 3, 1, dir))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("g.txt:2")
        .hasMessageContaining("'x'");
    Files.writeString(dir.resolve("g.txt"), "0 1\n\n1 7\n");
    assertThatThrownBy(() -> TopologyTesting.build("edges", Map.of("path", "g.txt"), 3, 1, dir))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("g.txt:3")
        .hasMessageContaining("node 7");
    Files.writeString(dir.resolve("g.txt"), "0 1 2\n");
    assertThatThrownBy(() -> TopologyTesting.build("edges", Map.of("path", "g.txt"), 3, 1, dir))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("g.txt:1");
    Files.writeString(dir.resolve("g.txt"), "1 1\n");
    assertThatThrownBy(() -> TopologyTesting.build("edges", Map.of("path", "g.txt"), 3, 1, dir))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("self-loop");
  }

  @Test
  void validatorRefusesSupportOutsideGraph() {
    assertThatThrownBy(
            () ->
                MixingValidator.validate(
                    org.fednpg.api.model.MixingMatrix.averaging(3),
                    GraphGenerators.path(3),
                    "test"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("row 0, column 2")
        .hasMessageContaining("not linked");
  }
}
