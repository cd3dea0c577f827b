package io.outrun.api.secret;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Which secrets a workspace holds, for features that check references to them (deploy). */
@Component
public class SecretCatalog {

  private final SecretStore store;

  SecretCatalog(SecretStore store) {
    this.store = store;
  }

  /** Those of {@code names} the workspace does not hold, in the order given. */
  public Mono<Set<String>> missing(String workspaceId, Collection<String> names) {
    if (names.isEmpty()) {
      return Mono.just(Set.of());
    }
    return store
        .existing(workspaceId, names)
        .collectList()
        .map(
            found -> {
              Set<String> missing = new LinkedHashSet<>(names);
              found.forEach(missing::remove);
              return missing;
            });
  }
}
