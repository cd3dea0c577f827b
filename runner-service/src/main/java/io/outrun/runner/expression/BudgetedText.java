package io.outrun.runner.expression;

/**
 * A string as the regular-expression engine reads it, checking the evaluation's budget every 1,024
 * characters read. {@code java.util.regex} backtracks, and some patterns ({@code /^(a+?)+?$/}, back
 * references) take exponential time on a short input inside one call; the engine reads its input
 * only through {@link #charAt}, so this is where such a match can be stopped.
 */
final class BudgetedText implements CharSequence {

  private final String text;
  private final EvaluationBudget budget;
  private int reads;

  BudgetedText(String text, EvaluationBudget budget) {
    this.text = text;
    this.budget = budget;
  }

  @Override
  public char charAt(int index) {
    if ((++reads & 0x3FF) == 0) {
      budget.check();
    }
    return text.charAt(index);
  }

  @Override
  public int length() {
    return text.length();
  }

  @Override
  public CharSequence subSequence(int start, int end) {
    return text.subSequence(start, end);
  }

  @Override
  public String toString() {
    return text;
  }
}
