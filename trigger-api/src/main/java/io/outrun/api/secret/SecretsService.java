package io.outrun.api.secret;

import io.outrun.api.auth.CurrentUser;
import io.outrun.api.error.FieldProblem;
import io.outrun.api.error.ProblemException;
import io.outrun.service.secret.SecretReferences;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Writes, lists and deletes a workspace's secrets. Checks in order: the name (400), the value
 * (400), a configured key (503), the workspace's count when the secret is new (409). The value is
 * encrypted before it leaves this class and is never answered, logged or kept in memory.
 */
@Service
class SecretsService {

  /** A secret written: whether it is new, and its view. */
  record Written(boolean created, SecretView view) {}

  private final SecretStore store;
  private final SecretSealer sealer;
  private final SecretStoreProperties properties;
  private final Clock clock;

  SecretsService(
      SecretStore store, SecretSealer sealer, SecretStoreProperties properties, Clock clock) {
    this.store = store;
    this.sealer = sealer;
    this.properties = properties;
    this.clock = clock;
  }

  Mono<Written> put(CurrentUser user, String name, SecretRequest request) {
    checkName(name);
    String value = request == null ? null : request.value();
    if (value == null || value.isEmpty()) {
      throw invalidValue("is required (a non-empty string)");
    }
    if (value.length() > properties.maxValueLength()) {
      throw invalidValue("is longer than " + properties.maxValueLength() + " characters");
    }
    if (!sealer.configured()) {
      throw ProblemException.unavailable(
          "Secrets cannot be stored: outrun.api.secrets.encryption-key is not configured.");
    }
    var sealed = sealer.seal(user.workspaceId(), name, value);
    var now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    return withinLimit(user, name)
        .then(store.put(user.workspaceId(), name, sealed, user.userId(), now))
        .flatMap(
            created ->
                store
                    .list(user.workspaceId())
                    .filter(view -> view.name().equals(name))
                    .next()
                    .map(view -> new Written(created, view)));
  }

  Flux<SecretView> list(CurrentUser user) {
    return store.list(user.workspaceId());
  }

  Mono<Void> delete(CurrentUser user, String name) {
    checkName(name);
    return store
        .delete(user.workspaceId(), name)
        .filter(Boolean::booleanValue)
        .switchIfEmpty(Mono.error(() -> ProblemException.notFound("Secret " + name)))
        .then();
  }

  private Mono<Void> withinLimit(CurrentUser user, String name) {
    return store
        .exists(user.workspaceId(), name)
        .flatMap(exists -> exists ? Mono.just(0L) : store.count(user.workspaceId()))
        .flatMap(
            count ->
                count >= properties.maxPerWorkspace()
                    ? Mono.error(
                        ProblemException.conflict(
                            "The workspace holds "
                                + properties.maxPerWorkspace()
                                + " secrets, the most allowed; delete one first."))
                    : Mono.empty());
  }

  private static void checkName(String name) {
    if (!SecretReferences.validName(name)) {
      throw ProblemException.invalid(
          "Invalid secret name.",
          List.of(
              new FieldProblem(
                  "name",
                  "must be 1 to 128 letters, digits or underscores, not starting with a digit")));
    }
  }

  private static ProblemException invalidValue(String message) {
    return ProblemException.invalid(
        "Invalid secret value.", List.of(new FieldProblem("value", message)));
  }
}
