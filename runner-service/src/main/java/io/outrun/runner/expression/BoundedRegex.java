package io.outrun.runner.expression;

import com.dashjoin.jsonata.JException;
import com.dashjoin.jsonata.Jsonata;
import com.dashjoin.jsonata.Jsonata.JFunction;
import com.dashjoin.jsonata.Utils;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code $match}, {@code $contains}, {@code $replace} and {@code $split} in place of JSONata's: the
 * regex engine reads the text through {@link BudgetedText}, so a pattern that backtracks without
 * end is stopped at the time limit, and results are counted as they are built, so none grows past
 * the size limits before it is refused. {@code $replace} follows the JSONata reference: a string
 * pattern is literal, {@code $0}..{@code $n} and {@code $$} in a replacement, a replacement
 * function gets {@code {match, index, groups}} and must give a string.
 */
final class BoundedRegex {

  static final JFunction MATCH = function("match", "<s-f<s:o>n?:a<o>>");
  static final JFunction CONTAINS = function("contains", "<s-(sf):b>");
  static final JFunction REPLACE = function("replace", "<s-(sf)(sf)n?:s>");
  static final JFunction SPLIT = function("split", "<s-(sf)n?:a<s>>");

  private static final Set<Object> ALL = Set.of(MATCH, CONTAINS, REPLACE, SPLIT);

  private BoundedRegex() {}

  static void bindInto(Jsonata.Frame frame) {
    frame.bind("match", MATCH);
    frame.bind("contains", CONTAINS);
    frame.bind("replace", REPLACE);
    frame.bind("split", SPLIT);
  }

  /** Whether a regular expression may be passed to {@code function}: only to these four. */
  static boolean takes(Object function) {
    return function != null && ALL.contains(function);
  }

  private static JFunction function(String name, String signature) {
    return new JFunction(
        (input, args) -> {
          EvaluationBudget budget = EvaluationBudget.current();
          Object text = arg(args, 0);
          if (text == null) {
            return null;
          }
          return switch (name) {
            case "match" ->
                match(budget, (String) text, (Pattern) arg(args, 1), limit(args, 2, "D3040"));
            case "contains" -> contains(budget, (String) text, arg(args, 1));
            case "replace" ->
                BoundedReplace.replace(
                    budget, (String) text, arg(args, 1), arg(args, 2), limit(args, 3, "D3011"));
            default -> split(budget, (String) text, arg(args, 1), limit(args, 2, "D3020"));
          };
        },
        signature);
  }

  private static List<Object> match(EvaluationBudget budget, String text, Pattern regex, int max) {
    List<Object> matches = Utils.createSequence();
    Matcher matcher = regex.matcher(budget.text(text));
    long items = 1;
    while (matches.size() < max && matcher.find()) {
      matches.add(matchObject(matcher));
      budget.checkItems(items += 4 + matcher.groupCount());
    }
    return matches;
  }

  /** A match as JSONata describes it: the matched text, where it starts and the groups. */
  static Map<String, Object> matchObject(MatchResult match) {
    Map<String, Object> described = new LinkedHashMap<>();
    described.put("match", match.group());
    described.put("index", match.start());
    List<String> groups = new ArrayList<>(match.groupCount());
    for (int group = 1; group <= match.groupCount(); group++) {
      groups.add(match.group(group));
    }
    described.put("groups", groups);
    return described;
  }

  private static boolean contains(EvaluationBudget budget, String text, Object token) {
    return switch (token) {
      case Pattern regex -> regex.matcher(budget.text(text)).find();
      case String part -> text.contains(part);
      case null, default -> throw new JException("T0410", -1, 2, "contains");
    };
  }

  /** As {@code Pattern.split(text, -1)} and JSONata's: trailing empty pieces are kept. */
  private static List<String> split(EvaluationBudget budget, String text, Object on, int max) {
    List<String> pieces = new ArrayList<>();
    if (on instanceof String separator) {
      budget.checkItems(1L + Math.min(max, pieces(text, separator, budget.limits().maxItems())));
    }
    if (on instanceof String separator && separator.isEmpty()) {
      for (int i = 0; i < text.length() && pieces.size() < max; i++) {
        add(budget, pieces, String.valueOf(text.charAt(i)));
      }
      return pieces;
    }
    Pattern pattern =
        on instanceof Pattern regex ? regex : Pattern.compile(Pattern.quote((String) on));
    Matcher matcher = pattern.matcher(budget.text(text));
    int from = 0;
    while (pieces.size() < max && matcher.find()) {
      if (matcher.end() == 0) {
        continue; // a zero-width match at the start makes no empty first piece
      }
      add(budget, pieces, text.substring(from, matcher.start()));
      from = matcher.end();
    }
    if (pieces.size() < max) {
      add(budget, pieces, text.substring(from));
    }
    return pieces;
  }

  /**
   * How many pieces splitting on a literal separator makes, counted up to just past {@code most}
   * without building them: the reported {@code $split} of five million characters is refused before
   * it allocates a single piece.
   */
  private static long pieces(String text, String separator, int most) {
    if (separator.isEmpty()) {
      return text.length();
    }
    long pieces = 1;
    for (int at = text.indexOf(separator); at >= 0 && pieces <= most; pieces++) {
      at = text.indexOf(separator, at + separator.length());
    }
    return pieces;
  }

  private static void add(EvaluationBudget budget, List<String> pieces, String piece) {
    pieces.add(piece);
    budget.checkItems(pieces.size() + 1L);
    if ((pieces.size() & 0x3FF) == 0) {
      budget.check();
    }
  }

  static Object arg(List<?> args, int index) {
    return index < args.size() ? args.get(index) : null;
  }

  /**
   * The optional limit argument at {@code index}; none is {@code Integer.MAX_VALUE}. A negative one
   * is JSONata's error {@code code} ("... must evaluate to a positive number").
   */
  private static int limit(List<?> args, int index, String code) {
    if (!(arg(args, index) instanceof Number limit)) {
      return Integer.MAX_VALUE;
    }
    if (limit.doubleValue() < 0) {
      throw new JException(code, -1, limit);
    }
    return (int) Math.min(Integer.MAX_VALUE, limit.longValue());
  }
}
