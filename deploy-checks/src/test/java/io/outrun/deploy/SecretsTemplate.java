package io.outrun.deploy;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** k8s/secrets.template.yaml: every Secret the manifests read, with its keys. */
final class SecretsTemplate {

  static final String FILE = "k8s/secrets.template.yaml";

  private SecretsTemplate() {}

  static Map<String, Set<String>> read() {
    Map<String, Set<String>> secrets = new LinkedHashMap<>();
    for (Map<String, Object> secret : Yamls.files(Repository.file(FILE))) {
      Map<String, Object> keys = new LinkedHashMap<>(Yamls.map(secret, "data"));
      keys.putAll(Yamls.map(secret, "stringData"));
      secrets.put(Manifests.name(secret), Set.copyOf(keys.keySet()));
    }
    return secrets;
  }
}
