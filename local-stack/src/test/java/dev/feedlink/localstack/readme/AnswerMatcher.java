package dev.feedlink.localstack.readme;

import dev.feedlink.localstack.readme.AnswerPattern.Anything;
import dev.feedlink.localstack.readme.AnswerPattern.Bool;
import dev.feedlink.localstack.readme.AnswerPattern.Decimal;
import dev.feedlink.localstack.readme.AnswerPattern.JsonArray;
import dev.feedlink.localstack.readme.AnswerPattern.JsonObject;
import dev.feedlink.localstack.readme.AnswerPattern.Null;
import dev.feedlink.localstack.readme.AnswerPattern.Text;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Compares what a command printed with the answer the README shows ({@link AnswerPattern}):
 * every member the README shows must be there with an equal value (numbers by value), an object
 * without {@code …} has exactly the members shown, an array without {@code …} exactly the elements
 * shown, in order.
 *
 * <p>A string of four or more hex digits followed by {@code …} is a placeholder: the first value it
 * meets is bound to it, and every later use must be that same value, while another placeholder may
 * not stand for it. So {@code "c0ffee…"} is the connection id everywhere the README writes it, and
 * the README cannot show two ids as one. Bindings live as long as this matcher (one README run).
 */
final class AnswerMatcher {

  private static final Pattern PLACEHOLDER = Pattern.compile("[0-9a-f]{4,}" + AnswerPattern.ELLIPSIS);

  private final Map<String, String> bound = new HashMap<>();

  /** Why {@code actual} (one or more JSON values) is not what {@code shown} shows; empty when it is. */
  Optional<String> mismatch(List<AnswerPattern> shown, List<JsonNode> actual) {
    Map<String, String> tentative = new HashMap<>(bound);
    String why;
    if (shown.size() == 1 && actual.size() == 1) {
      why = compare(shown.get(0), actual.get(0), "$", tentative);
    } else {
      why = sequence(shown, actual, "$", tentative);
    }
    if (why == null) {
      bound.putAll(tentative);
    }
    return Optional.ofNullable(why);
  }

  /**
   * The same for an answer that is plain text (not JSON): {@code …} is any text; spaces at line ends
   * do not count (editors drop them from the README).
   */
  Optional<String> mismatch(String shown, String actual) {
    String expected = withoutTrailingSpaces(shown);
    String was = withoutTrailingSpaces(actual);
    Map<String, String> tentative = new HashMap<>(bound);
    String why = text(expected, was, "the text", tentative);
    if (why == null) {
      bound.putAll(tentative);
    }
    return Optional.ofNullable(why);
  }

  private String compare(AnswerPattern shown, JsonNode actual, String path, Map<String, String> bindings) {
    if (shown instanceof Anything) {
      return null;
    }
    if (shown instanceof Null) {
      return actual.isNull() ? null : path + ": expected null, was " + brief(actual);
    }
    if (shown instanceof Bool b) {
      return actual.isBoolean() && actual.booleanValue() == b.value()
          ? null
          : path + ": expected " + b.value() + ", was " + brief(actual);
    }
    if (shown instanceof Decimal d) {
      return actual.isNumber() && actual.decimalValue().compareTo(d.value()) == 0
          ? null
          : path + ": expected " + d.value().toPlainString() + ", was " + brief(actual);
    }
    if (shown instanceof Text t) {
      if (!actual.isString()) {
        return path + ": expected the string \"" + t.value() + "\", was " + brief(actual);
      }
      return text(t.value(), actual.stringValue(), path, bindings);
    }
    if (shown instanceof JsonObject o) {
      return object(o, actual, path, bindings);
    }
    JsonArray a = (JsonArray) shown;
    if (!actual.isArray()) {
      return path + ": expected an array, was " + brief(actual);
    }
    return sequence(a.elements(), new ArrayList<>(actual.values()), path, bindings);
  }

  private String object(JsonObject shown, JsonNode actual, String path, Map<String, String> bindings) {
    if (!actual.isObject()) {
      return path + ": expected an object, was " + brief(actual);
    }
    for (Map.Entry<String, AnswerPattern> member : shown.members().entrySet()) {
      JsonNode value = actual.get(member.getKey());
      if (value == null) {
        return path + ": no member \"" + member.getKey() + "\" (members: " + new TreeSet<>(actual.propertyNames()) + ")";
      }
      String why = compare(member.getValue(), value, path + "." + member.getKey(), bindings);
      if (why != null) {
        return why;
      }
    }
    if (!shown.more()) {
      TreeSet<String> extra = new TreeSet<>(actual.propertyNames());
      extra.removeAll(shown.members().keySet());
      if (!extra.isEmpty()) {
        return path + ": members the README does not show: " + extra + " (add them, or … for \"and more\")";
      }
    }
    return null;
  }

  /** Elements in order; a bare {@code …} stands for any number of elements. */
  private String sequence(List<AnswerPattern> shown, List<JsonNode> actual, String path, Map<String, String> bindings) {
    boolean gaps = shown.stream().anyMatch(p -> p instanceof Anything);
    if (!gaps) {
      if (shown.size() != actual.size()) {
        return path + ": expected " + shown.size() + " element(s), was " + actual.size() + ": " + brief(actual);
      }
      for (int i = 0; i < shown.size(); i++) {
        String why = compare(shown.get(i), actual.get(i), path + "[" + i + "]", bindings);
        if (why != null) {
          return why;
        }
      }
      return null;
    }
    return glob(shown, 0, actual, 0, path, bindings)
        ? null
        : path + ": no run of elements matches the README's, in order; was " + brief(actual);
  }

  private boolean glob(
      List<AnswerPattern> shown, int i, List<JsonNode> actual, int j, String path, Map<String, String> bindings) {
    if (i == shown.size()) {
      return j == actual.size();
    }
    if (shown.get(i) instanceof Anything) {
      for (int k = j; k <= actual.size(); k++) {
        int from = k;
        if (attempt(bindings, b -> glob(shown, i + 1, actual, from, path, b))) {
          return true;
        }
      }
      return false;
    }
    return j < actual.size()
        && attempt(bindings, b -> compare(shown.get(i), actual.get(j), path + "[" + j + "]", b) == null
            && glob(shown, i + 1, actual, j + 1, path, b));
  }

  /** Tries a branch on a copy of the bindings; keeps what it bound only when it matched. */
  private static boolean attempt(Map<String, String> bindings, java.util.function.Predicate<Map<String, String>> branch) {
    Map<String, String> copy = new HashMap<>(bindings);
    if (branch.test(copy)) {
      bindings.putAll(copy);
      return true;
    }
    return false;
  }

  private String text(String shown, String actual, String path, Map<String, String> bindings) {
    if (!shown.contains(AnswerPattern.ELLIPSIS)) {
      return shown.equals(actual) ? null : path + ": expected \"" + shown + "\", was \"" + actual + "\"";
    }
    if (PLACEHOLDER.matcher(shown).matches()) {
      String value = bindings.get(shown);
      if (value == null) {
        for (Map.Entry<String, String> other : bindings.entrySet()) {
          if (other.getValue().equals(actual)) {
            return path + ": \"" + actual + "\" is already " + other.getKey() + ", not a new " + shown;
          }
        }
        bindings.put(shown, actual);
        return null;
      }
      return value.equals(actual) ? null : path + ": expected " + shown + " = \"" + value + "\", was \"" + actual + "\"";
    }
    List<String> literals = new ArrayList<>();
    for (String literal : shown.split(AnswerPattern.ELLIPSIS, -1)) {
      literals.add(Pattern.quote(literal));
    }
    return Pattern.compile(String.join(".*", literals), Pattern.DOTALL).matcher(actual).matches()
        ? null
        : path + ": expected \"" + shown + "\", was \"" + actual + "\"";
  }

  private static String withoutTrailingSpaces(String text) {
    return String.join("\n", text.strip().lines().map(String::stripTrailing).toList());
  }

  private static String brief(Object actual) {
    String text = String.valueOf(actual);
    return text.length() > 200 ? text.substring(0, 200) + "…" : text;
  }
}
