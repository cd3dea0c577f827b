package io.outrun.runner.expression;

import com.dashjoin.jsonata.Functions;
import com.dashjoin.jsonata.JException;
import java.util.List;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code $replace} as the JSONata reference defines it, built with its size checked at every
 * replacement: a string pattern is replaced literally; in a replacement string {@code $0} is the
 * match, {@code $1}.. its groups and {@code $$} a dollar; a replacement function gets {@code
 * {match, index, groups}} and must give a string. (JSONata's Java port treated a string pattern
 * with a limit as a regular expression and built its output without bound.)
 */
final class BoundedReplace {

  private BoundedReplace() {}

  static String replace(
      EvaluationBudget budget, String text, Object pattern, Object replacement, int max) {
    if (pattern instanceof String literal && literal.isEmpty()) {
      throw new JException("D3010", -1);
    }
    Pattern regex =
        pattern instanceof Pattern given ? given : Pattern.compile(Pattern.quote((String) pattern));
    Matcher matcher = regex.matcher(budget.text(text));
    StringBuilder out = new StringBuilder();
    int from = 0;
    for (int done = 0; done < max && matcher.find(); done++) {
      out.append(text, from, matcher.start());
      out.append(replacement(budget, matcher, pattern instanceof Pattern, replacement));
      from = matcher.end();
      budget.checkString(out.length());
    }
    out.append(text, from, text.length());
    budget.checkString(out.length());
    return out.toString();
  }

  private static String replacement(
      EvaluationBudget budget, MatchResult match, boolean regex, Object replacement) {
    if (replacement instanceof String text) {
      return regex ? substitute(text, match) : text;
    }
    try {
      if (Functions.funcApply(replacement, List.of(BoundedRegex.matchObject(match)))
          instanceof String text) {
        return text;
      }
    } catch (RuntimeException e) {
      throw e;
    } catch (Throwable e) {
      throw new IllegalStateException(e);
    }
    throw new JException("D3012", -1);
  }

  /** The reference's {@code $} rules: {@code $$}, {@code $0}, then as many digits as groups. */
  static String substitute(String replacement, MatchResult match) {
    StringBuilder out = new StringBuilder();
    int position = 0;
    int dollar = replacement.indexOf('$');
    while (dollar != -1 && position < replacement.length()) {
      out.append(replacement, position, dollar);
      position = dollar + 1;
      char next = position < replacement.length() ? replacement.charAt(position) : ' ';
      if (next == '$') {
        out.append('$');
        position++;
      } else if (next == '0') {
        out.append(match.group());
        position++;
      } else {
        int groups = match.groupCount();
        int digits = leadingDigits(replacement, position, groups == 0 ? 1 : digitsOf(groups));
        if (digits > 1 && group(replacement, position, digits) > groups) {
          digits--;
        }
        if (digits == 0) {
          out.append('$');
        } else {
          int group = group(replacement, position, digits);
          if (group >= 1 && group <= groups && match.group(group) != null) {
            out.append(match.group(group));
          }
          position += digits;
        }
      }
      dollar = replacement.indexOf('$', position);
    }
    out.append(replacement.substring(position));
    return out.toString();
  }

  private static int leadingDigits(String text, int from, int most) {
    int digits = 0;
    while (digits < most
        && from + digits < text.length()
        && text.charAt(from + digits) >= '0'
        && text.charAt(from + digits) <= '9') {
      digits++;
    }
    return digits;
  }

  private static int group(String text, int from, int digits) {
    return Integer.parseInt(text.substring(from, from + digits));
  }

  private static int digitsOf(int number) {
    return String.valueOf(number).length();
  }
}
