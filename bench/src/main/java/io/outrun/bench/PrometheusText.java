package io.outrun.bench;

/** Reads values out of a Prometheus text exposition, as {@code /actuator/prometheus} answers. */
final class PrometheusText {

  private PrometheusText() {}

  /**
   * The sum of every sample of {@code metric} whose labels contain {@code label} (e.g. {@code
   * area="heap"}; empty: every sample), or NaN when there is none.
   */
  static double sum(String text, String metric, String label) {
    double sum = 0;
    boolean found = false;
    for (String line : text.split("\n")) {
      if (!isSampleOf(line, metric)) {
        continue;
      }
      int labelsEnd =
          line.charAt(metric.length()) == '{' ? line.lastIndexOf('}') + 1 : metric.length();
      String labels = line.substring(metric.length(), labelsEnd);
      if (labels.contains(label)) {
        String[] valueAndTime = line.substring(labelsEnd).trim().split("\\s+");
        sum += Double.parseDouble(valueAndTime[0]);
        found = true;
      }
    }
    return found ? sum : Double.NaN;
  }

  private static boolean isSampleOf(String line, String metric) {
    if (!line.startsWith(metric) || line.length() == metric.length()) {
      return false;
    }
    char next = line.charAt(metric.length());
    return next == '{' || next == ' ';
  }
}
