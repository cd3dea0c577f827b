package io.outrun.bench;

import java.util.HashMap;
import java.util.Map;

/**
 * The benchmarks' command lines: {@code --name=value} with whole numbers, each name known and given
 * a default; and the stack's addresses from its {@code OUTRUN_*_PORT} variables.
 */
final class BenchArgs {

  /** Given alone by the script, before it starts a stack: check the options, run nothing. */
  static final String CHECK_OPTIONS = "--check-options";

  private BenchArgs() {}

  /** How a benchmark reads its command line: throws {@link IllegalArgumentException} if wrong. */
  @FunctionalInterface
  interface Reader<T> {
    T read(String[] args);
  }

  /** What a benchmark does with its options. */
  @FunctionalInterface
  interface Body<T> {
    void run(T options) throws Exception;
  }

  /**
   * A benchmark's {@code main}: reads {@code args} (exits 2 saying what is wrong), stops there for
   * {@link #CHECK_OPTIONS}, or else runs {@code body} and exits 0, since Reactor Netty and the
   * Kafka clients leave threads that would keep the JVM up.
   */
  static <T> void main(String[] args, Reader<T> reader, Body<T> body) throws Exception {
    T options;
    try {
      options = reader.read(args);
    } catch (IllegalArgumentException e) {
      System.err.println("bench: " + e.getMessage());
      System.exit(2);
      return;
    }
    if (!onlyCheck(args)) {
      body.run(options);
    }
    System.exit(0);
  }

  /**
   * As {@link #parse(String[], Map, String)}, and each option named in {@code atLeastOne} must be
   * at least 1.
   */
  static Map<String, Integer> parse(
      String[] args, Map<String, Integer> defaults, String usage, String... atLeastOne) {
    Map<String, Integer> values = parse(args, defaults, usage);
    for (String name : atLeastOne) {
      if (values.get(name) < 1) {
        throw new IllegalArgumentException("--" + name + " must be at least 1");
      }
    }
    return values;
  }

  /**
   * The values of {@code args} over {@code defaults}; {@code --check-options} is skipped.
   *
   * @throws IllegalArgumentException with {@code usage} for {@code --help}, an unknown name or a
   *     value that is not a whole number of at least 0
   */
  static Map<String, Integer> parse(String[] args, Map<String, Integer> defaults, String usage) {
    Map<String, Integer> values = new HashMap<>(defaults);
    for (String arg : args) {
      if (arg.equals(CHECK_OPTIONS)) {
        continue;
      }
      if (arg.equals("--help")) {
        throw new IllegalArgumentException(usage);
      }
      String[] nameValue = arg.startsWith("--") ? arg.substring(2).split("=", 2) : new String[0];
      if (nameValue.length != 2 || !defaults.containsKey(nameValue[0])) {
        throw new IllegalArgumentException("unknown argument '" + arg + "'; " + usage);
      }
      values.put(nameValue[0], nonNegative(nameValue[0], nameValue[1]));
    }
    return values;
  }

  static boolean onlyCheck(String[] args) {
    return args.length > 0 && args[0].equals(CHECK_OPTIONS);
  }

  /** As the local stack reads its ports: unset or blank means the default. */
  static String port(Map<String, String> env, String name, String defaultPort) {
    String value = env.get(name);
    return value == null || value.isBlank() ? defaultPort : value.trim();
  }

  private static int nonNegative(String name, String value) {
    try {
      int parsed = Integer.parseInt(value.trim());
      if (parsed >= 0) {
        return parsed;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException("--" + name + " must be a whole number >= 0, not " + value);
  }
}
