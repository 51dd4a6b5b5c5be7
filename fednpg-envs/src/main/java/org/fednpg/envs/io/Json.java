package org.fednpg.envs.io;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small strict JSON (RFC 8259) parser, so this module needs no JSON library. Objects become
 * {@link LinkedHashMap}s (duplicate keys are errors), arrays {@link List}s, numbers {@link Num}
 * (the literal text plus its double value), and {@code true}/{@code false}/{@code null} become
 * {@link Boolean}s and {@link #NULL}. Errors are {@link SyntaxError}s carrying line and column.
 */
final class Json {

  /** The JSON {@code null} literal (a map cannot hold Java null). */
  static final Object NULL = new Object() {
    @Override
    public String toString() {
      return "null";
    }
  };

  /** A JSON number: its source text and value. */
  record Num(String text, double value) {
    /** Whether the literal has no fraction or exponent part. */
    boolean isIntegral() {
      return text.indexOf('.') < 0 && text.indexOf('e') < 0 && text.indexOf('E') < 0;
    }

    @Override
    public String toString() {
      return text;
    }
  }

  /** A syntax error at a 1-based line and column. */
  static final class SyntaxError extends Exception {
    private static final long serialVersionUID = 1L;

    SyntaxError(String message, int line, int column) {
      super("malformed JSON at line " + line + ", column " + column + ": " + message);
    }
  }

  private final String text;
  private int pos;
  private int line = 1;
  private int lineStart;

  private Json(String text) {
    this.text = text;
  }

  /** Parses one JSON value filling the whole text (surrounding whitespace allowed). */
  static Object parse(String text) throws SyntaxError {
    Json p = new Json(text);
    if (text.startsWith("\uFEFF")) {
      p.pos = 1;
      p.lineStart = 1;
    }
    p.skipWhitespace();
    Object v = p.value(0);
    p.skipWhitespace();
    if (p.pos < text.length()) {
      throw p.error("unexpected '" + text.charAt(p.pos) + "' after the top-level value");
    }
    return v;
  }

  private SyntaxError error(String message) {
    return new SyntaxError(message, line, pos - lineStart + 1);
  }

  private void skipWhitespace() {
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (c == '\n') {
        line++;
        pos++;
        lineStart = pos;
      } else if (c == ' ' || c == '\t' || c == '\r') {
        pos++;
      } else {
        return;
      }
    }
  }

  private Object value(int depth) throws SyntaxError {
    if (depth > 64) {
      throw error("nesting deeper than 64 levels");
    }
    if (pos >= text.length()) {
      throw error("unexpected end of input");
    }
    char c = text.charAt(pos);
    switch (c) {
      case '{':
        return object(depth);
      case '[':
        return array(depth);
      case '"':
        return string();
      case 't':
        return literal("true", Boolean.TRUE);
      case 'f':
        return literal("false", Boolean.FALSE);
      case 'n':
        return literal("null", NULL);
      default:
        if (c == '-' || (c >= '0' && c <= '9')) {
          return number();
        }
        throw error("unexpected '" + c + "'");
    }
  }

  private Object literal(String word, Object result) throws SyntaxError {
    if (!text.startsWith(word, pos)) {
      throw error("expected '" + word + "'");
    }
    pos += word.length();
    return result;
  }

  private Map<String, Object> object(int depth) throws SyntaxError {
    pos++;
    Map<String, Object> map = new LinkedHashMap<>();
    skipWhitespace();
    if (pos < text.length() && text.charAt(pos) == '}') {
      pos++;
      return map;
    }
    while (true) {
      skipWhitespace();
      if (pos >= text.length() || text.charAt(pos) != '"') {
        throw error("expected a quoted key");
      }
      int keyLine = line;
      int keyColumn = pos - lineStart + 1;
      String key = string();
      skipWhitespace();
      expect(':');
      skipWhitespace();
      Object v = value(depth + 1);
      if (map.put(key, v) != null) {
        throw new SyntaxError("duplicate key \"" + key + "\"", keyLine, keyColumn);
      }
      skipWhitespace();
      if (pos < text.length() && text.charAt(pos) == ',') {
        pos++;
        continue;
      }
      expect('}');
      return map;
    }
  }

  private List<Object> array(int depth) throws SyntaxError {
    pos++;
    List<Object> list = new ArrayList<>();
    skipWhitespace();
    if (pos < text.length() && text.charAt(pos) == ']') {
      pos++;
      return Collections.unmodifiableList(list);
    }
    while (true) {
      skipWhitespace();
      list.add(value(depth + 1));
      skipWhitespace();
      if (pos < text.length() && text.charAt(pos) == ',') {
        pos++;
        continue;
      }
      expect(']');
      return Collections.unmodifiableList(list);
    }
  }

  private void expect(char c) throws SyntaxError {
    if (pos >= text.length()) {
      throw error("expected '" + c + "' but the input ended");
    }
    if (text.charAt(pos) != c) {
      throw error("expected '" + c + "' but found '" + text.charAt(pos) + "'");
    }
    pos++;
  }

  private String string() throws SyntaxError {
    pos++;
    StringBuilder b = new StringBuilder();
    while (true) {
      if (pos >= text.length()) {
        throw error("unterminated string");
      }
      char c = text.charAt(pos);
      if (c == '"') {
        pos++;
        return b.toString();
      }
      if (c < 0x20) {
        throw error("control character in string");
      }
      if (c == '\\') {
        pos++;
        if (pos >= text.length()) {
          throw error("unterminated escape");
        }
        char e = text.charAt(pos);
        switch (e) {
          case '"': b.append('"'); break;
          case '\\': b.append('\\'); break;
          case '/': b.append('/'); break;
          case 'b': b.append('\b'); break;
          case 'f': b.append('\f'); break;
          case 'n': b.append('\n'); break;
          case 'r': b.append('\r'); break;
          case 't': b.append('\t'); break;
          case 'u': {
            if (pos + 4 >= text.length()) {
              throw error("truncated \\u escape");
            }
            int code = 0;
            for (int i = 1; i <= 4; i++) {
              int d = Character.digit(text.charAt(pos + i), 16);
              if (d < 0) {
                throw error("bad \\u escape");
              }
              code = code * 16 + d;
            }
            b.append((char) code);
            pos += 4;
            break;
          }
          default:
            throw error("bad escape '\\" + e + "'");
        }
        pos++;
      } else {
        b.append(c);
        pos++;
      }
    }
  }

  private Num number() throws SyntaxError {
    int start = pos;
    if (text.charAt(pos) == '-') {
      pos++;
    }
    if (pos < text.length() && text.charAt(pos) == '0') {
      pos++;
    } else if (!digits()) {
      throw error("bad number");
    }
    if (pos < text.length() && text.charAt(pos) == '.') {
      pos++;
      if (!digits()) {
        throw error("bad number: digits expected after '.'");
      }
    }
    if (pos < text.length() && (text.charAt(pos) == 'e' || text.charAt(pos) == 'E')) {
      pos++;
      if (pos < text.length() && (text.charAt(pos) == '+' || text.charAt(pos) == '-')) {
        pos++;
      }
      if (!digits()) {
        throw error("bad number: digits expected in exponent");
      }
    }
    String literal = text.substring(start, pos);
    return new Num(literal, Double.parseDouble(literal));
  }

  private boolean digits() {
    int start = pos;
    while (pos < text.length() && text.charAt(pos) >= '0' && text.charAt(pos) <= '9') {
      pos++;
    }
    return pos > start;
  }

  /** Quotes a string as a JSON string literal. */
  static String quote(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"': b.append("\\\""); break;
        case '\\': b.append("\\\\"); break;
        case '\n': b.append("\\n"); break;
        case '\r': b.append("\\r"); break;
        case '\t': b.append("\\t"); break;
        default:
          if (c < 0x20) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
      }
    }
    return b.append('"').toString();
  }
}
