package dev.feedlink.localstack.readme;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An answer as the README shows it: JSON in which {@code …} stands for what varies. A bare
 * {@code …} is any value; inside an object it means "and more members"; inside an array "and any
 * number of elements here"; inside a string "any text here". A string that is only hex digits and
 * {@code …} ({@code "c0ffee…"}) names one value throughout the README (see {@link AnswerMatcher}).
 */
sealed interface AnswerPattern {

  String ELLIPSIS = "…";

  /** A bare {@code …}: any value (in an array: any number of elements). */
  record Anything() implements AnswerPattern {}

  record Text(String value) implements AnswerPattern {}

  record Decimal(BigDecimal value) implements AnswerPattern {}

  record Bool(boolean value) implements AnswerPattern {}

  record Null() implements AnswerPattern {}

  /** Members in the README's order; {@code more} when the object also shows {@code …}. */
  record JsonObject(Map<String, AnswerPattern> members, boolean more) implements AnswerPattern {}

  record JsonArray(List<AnswerPattern> elements) implements AnswerPattern {}

  /**
   * Reads one or more values separated by whitespace (a command may print several JSON documents).
   *
   * @throws IllegalArgumentException when the text is not such JSON, saying where
   */
  static List<AnswerPattern> parseAll(String text) {
    Parser parser = new Parser(text);
    List<AnswerPattern> values = new ArrayList<>();
    parser.skipWhitespace();
    while (!parser.atEnd()) {
      values.add(parser.value());
      parser.skipWhitespace();
    }
    if (values.isEmpty()) {
      throw new IllegalArgumentException("no value");
    }
    return values;
  }

  /** A recursive-descent JSON reader that also takes {@code …} wherever a value or member may stand. */
  final class Parser {
    private final String text;
    private int at;

    private Parser(String text) {
      this.text = text;
    }

    boolean atEnd() {
      return at >= text.length();
    }

    void skipWhitespace() {
      while (!atEnd() && Character.isWhitespace(text.charAt(at))) {
        at++;
      }
    }

    AnswerPattern value() {
      skipWhitespace();
      if (atEnd()) {
        throw error("a value");
      }
      char c = text.charAt(at);
      if (text.startsWith(ELLIPSIS, at)) {
        at += ELLIPSIS.length();
        return new Anything();
      }
      if (c == '{') {
        return object();
      }
      if (c == '[') {
        return array();
      }
      if (c == '"') {
        return new Text(string());
      }
      if (c == '-' || Character.isDigit(c)) {
        return number();
      }
      if (word("true")) {
        return new Bool(true);
      }
      if (word("false")) {
        return new Bool(false);
      }
      if (word("null")) {
        return new Null();
      }
      throw error("a value");
    }

    private AnswerPattern object() {
      at++; // {
      Map<String, AnswerPattern> members = new LinkedHashMap<>();
      boolean more = false;
      skipWhitespace();
      if (peek('}')) {
        at++;
        return new JsonObject(members, false);
      }
      while (true) {
        skipWhitespace();
        if (text.startsWith(ELLIPSIS, at)) {
          at += ELLIPSIS.length();
          more = true;
        } else {
          if (!peek('"')) {
            throw error("a member name or …");
          }
          int nameAt = at;
          String name = string();
          skipWhitespace();
          expect(':');
          if (members.put(name, value()) != null) {
            at = nameAt;
            throw error("no second member named " + name);
          }
        }
        skipWhitespace();
        if (peek(',')) {
          at++;
        } else if (peek('}')) {
          at++;
          return new JsonObject(members, more);
        } else {
          throw error("',' or '}'");
        }
      }
    }

    private AnswerPattern array() {
      at++; // [
      List<AnswerPattern> elements = new ArrayList<>();
      skipWhitespace();
      if (peek(']')) {
        at++;
        return new JsonArray(elements);
      }
      while (true) {
        elements.add(value());
        skipWhitespace();
        if (peek(',')) {
          at++;
        } else if (peek(']')) {
          at++;
          return new JsonArray(elements);
        } else {
          throw error("',' or ']'");
        }
      }
    }

    private String string() {
      at++; // "
      StringBuilder out = new StringBuilder();
      while (!atEnd()) {
        char c = text.charAt(at++);
        if (c == '"') {
          return out.toString();
        }
        if (c != '\\') {
          out.append(c);
          continue;
        }
        if (atEnd()) {
          break;
        }
        char escaped = text.charAt(at++);
        switch (escaped) {
          case '"', '\\', '/' -> out.append(escaped);
          case 'b' -> out.append('\b');
          case 'f' -> out.append('\f');
          case 'n' -> out.append('\n');
          case 'r' -> out.append('\r');
          case 't' -> out.append('\t');
          case 'u' -> {
            if (at + 4 > text.length()) {
              throw error("four hex digits");
            }
            out.append((char) Integer.parseInt(text.substring(at, at + 4), 16));
            at += 4;
          }
          default -> throw error("an escape");
        }
      }
      throw error("the end of the string");
    }

    private AnswerPattern number() {
      int start = at;
      while (!atEnd() && "+-0123456789.eE".indexOf(text.charAt(at)) >= 0) {
        at++;
      }
      try {
        return new Decimal(new BigDecimal(text.substring(start, at)));
      } catch (NumberFormatException e) {
        at = start;
        throw error("a number");
      }
    }

    private boolean word(String word) {
      if (text.startsWith(word, at)) {
        at += word.length();
        return true;
      }
      return false;
    }

    private boolean peek(char c) {
      return !atEnd() && text.charAt(at) == c;
    }

    private void expect(char c) {
      if (!peek(c)) {
        throw error("'" + c + "'");
      }
      at++;
    }

    private IllegalArgumentException error(String expected) {
      String near = text.substring(at, Math.min(text.length(), at + 30));
      return new IllegalArgumentException("expected " + expected + " at character " + at + (near.isEmpty() ? " (the end)" : ": " + near));
    }
  }
}
