package org.fednpg.experiments.reproduce;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.commonmark.ext.gfm.tables.TableBlock;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.CustomBlock;
import org.commonmark.node.Node;
import org.commonmark.node.SourceSpan;
import org.commonmark.parser.IncludeSourceSpans;
import org.commonmark.parser.Parser;

/**
 * Checks Markdown tables with a real parser (CommonMark + GFM tables): every line that looks like a
 * table row must belong to a table the parser recognised, and every row of a table must have
 * exactly the header's number of cells (a parser silently drops extra cells and pads missing ones,
 * so the raw lines are counted, honouring {@code \|} escapes).
 */
public final class MarkdownTables {

  private MarkdownTables() {}

  /** One message per problem; empty when every table is well formed. */
  public static List<String> problems(String markdown) {
    Parser parser =
        Parser.builder()
            .extensions(List.of(TablesExtension.create()))
            .includeSourceSpans(IncludeSourceSpans.BLOCKS)
            .build();
    Node doc = parser.parse(markdown);
    String[] lines = markdown.split("\n", -1);
    List<String> problems = new ArrayList<>();
    Set<Integer> inTables = new HashSet<>();
    int[] tables = {0};
    doc.accept(
        new AbstractVisitor() {
          @Override
          public void visit(CustomBlock block) {
            if (block instanceof TableBlock) {
              tables[0]++;
              List<SourceSpan> spans = block.getSourceSpans();
              int header = -1;
              for (SourceSpan span : spans) {
                int line = span.getLineIndex();
                inTables.add(line);
                int cells = cells(lines[line]);
                if (header < 0) {
                  header = cells;
                } else if (cells != header) {
                  problems.add(
                      "line "
                          + (line + 1)
                          + " has "
                          + cells
                          + " cells, its table's header "
                          + header
                          + ": "
                          + lines[line]);
                }
              }
            }
            visitChildren(block);
          }
        });
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].trim().startsWith("|") && !inTables.contains(i)) {
        problems.add(
            "line " + (i + 1) + " looks like a table row but is not in a table: " + lines[i]);
      }
    }
    return problems;
  }

  /** How many tables the parser recognised. */
  public static int count(String markdown) {
    Parser parser = Parser.builder().extensions(List.of(TablesExtension.create())).build();
    int[] n = {0};
    parser
        .parse(markdown)
        .accept(
            new AbstractVisitor() {
              @Override
              public void visit(CustomBlock block) {
                n[0] += block instanceof TableBlock ? 1 : 0;
                visitChildren(block);
              }
            });
    return n[0];
  }

  /** Cells of one raw table line: split on {@code |} not preceded by a backslash. */
  static int cells(String line) {
    String t = line.trim();
    if (t.startsWith("|")) {
      t = t.substring(1);
    }
    if (t.endsWith("|") && !t.endsWith("\\|")) {
      t = t.substring(0, t.length() - 1);
    }
    int n = 1;
    for (int i = 0; i < t.length(); i++) {
      if (t.charAt(i) == '|' && (i == 0 || t.charAt(i - 1) != '\\')) {
        n++;
      }
    }
    return n;
  }
}
