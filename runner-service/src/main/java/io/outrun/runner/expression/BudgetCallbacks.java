package io.outrun.runner.expression;

import com.dashjoin.jsonata.Jsonata;
import java.lang.reflect.Proxy;

/**
 * JSONata's evaluate-entry and evaluate-exit callbacks, which call the {@link EvaluationBudget} of
 * the evaluation on the calling thread. Their interfaces are public but name a package-private
 * parameter type (the parser's {@code Symbol}), so no lambda or class outside JSONata's package can
 * implement them; a dynamic proxy can, and ignores that argument.
 */
final class BudgetCallbacks {

  private static final Jsonata.EntryCallback ENTRY =
      (Jsonata.EntryCallback)
          Proxy.newProxyInstance(
              BudgetCallbacks.class.getClassLoader(),
              new Class<?>[] {Jsonata.EntryCallback.class},
              (proxy, method, args) -> callback(method.getName(), args, true));

  private static final Jsonata.ExitCallback EXIT =
      (Jsonata.ExitCallback)
          Proxy.newProxyInstance(
              BudgetCallbacks.class.getClassLoader(),
              new Class<?>[] {Jsonata.ExitCallback.class},
              (proxy, method, args) -> callback(method.getName(), args, false));

  private BudgetCallbacks() {}

  /** Puts the budget's checks around every step of expressions evaluated in {@code frame}. */
  static void bindInto(Jsonata.Frame frame) {
    frame.setEvaluateEntryCallback(ENTRY);
    frame.setEvaluateExitCallback(EXIT);
  }

  private static Object callback(String method, Object[] args, boolean entry) {
    if (!method.equals("callback")) {
      return switch (method) { // Object's methods, should anything ask
        case "hashCode" -> System.identityHashCode(entry ? ENTRY : EXIT);
        case "equals" -> args[0] == (entry ? ENTRY : EXIT);
        default -> entry ? "budget entry callback" : "budget exit callback";
      };
    }
    if (entry) {
      EvaluationBudget.current().enter();
    } else {
      EvaluationBudget.current().exit(args[3]);
    }
    return null;
  }
}
