package io.outrun.api.fuzz;

/**
 * The objects the fuzzed requests are aimed at, all in one workspace.
 *
 * @param token a valid bearer token of the workspace
 * @param draft a draft workflow
 * @param active an active (deployed) workflow
 * @param webhook a webhook trigger of the draft workflow
 * @param schedule a schedule trigger of the active workflow
 * @param run a queued run of the draft workflow
 * @param finished a completed run of the active workflow (its event stream ends at once)
 */
record Fixture(
    String token,
    String draft,
    String active,
    String webhook,
    String schedule,
    String run,
    String finished) {

  /** {@code template} with {W}, {A}, {T}, {S}, {R} and {F} replaced by the fixture's ids. */
  String path(String template) {
    return template
        .replace("{W}", draft)
        .replace("{A}", active)
        .replace("{T}", webhook)
        .replace("{S}", schedule)
        .replace("{R}", run)
        .replace("{F}", finished);
  }
}
