package io.outrun.api.secret;

/** The body of {@code PUT /api/secrets/{name}}: the value, write-only. */
record SecretRequest(String value) {

  /** Never prints the value (a record's default {@code toString} would). */
  @Override
  public String toString() {
    return "SecretRequest[value=***]";
  }
}
