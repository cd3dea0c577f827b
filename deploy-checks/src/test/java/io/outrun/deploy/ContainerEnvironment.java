package io.outrun.deploy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The environment a Deployment's container gets: its {@code env} and, through {@code envFrom},
 * every key of the ConfigMaps and Secrets it names. Values from ConfigMaps are resolved in the
 * rendered overlay; a Secret's keys come from k8s/secrets.template.yaml, its values are unknown
 * (null).
 *
 * @param values variable to value; null for a value from a Secret
 * @param secretRefs variable to the {@code secret/key} it comes from
 */
record ContainerEnvironment(Map<String, String> values, Map<String, String> secretRefs) {

  /**
   * @param problems where references to missing ConfigMaps, Secrets or keys are reported
   */
  static ContainerEnvironment of(
      Map<String, Object> container,
      Manifests manifests,
      Map<String, Set<String>> secrets,
      List<String> problems) {
    String where = manifests.overlay() + " " + container.get("name");
    Map<String, String> values = new LinkedHashMap<>();
    Map<String, String> secretRefs = new LinkedHashMap<>();
    for (Map<String, Object> from : Yamls.maps(container, "envFrom")) {
      String configMap = Yamls.string(from, "configMapRef", "name");
      String secret = Yamls.string(from, "secretRef", "name");
      if (configMap != null) {
        Map<String, Object> data = manifests.configMapData(configMap);
        if (data == null) {
          problems.add(
              where + ": envFrom names ConfigMap " + configMap + ", which is not rendered");
        } else {
          data.forEach((key, value) -> values.put(key, String.valueOf(value)));
        }
      } else if (secret != null) {
        Set<String> keys = secrets.get(secret);
        if (keys == null) {
          problems.add(where + ": Secret " + secret + " is not in " + SecretsTemplate.FILE);
        } else {
          keys.forEach(key -> put(values, secretRefs, key, null, secret + "/" + key));
        }
      }
    }
    for (Map<String, Object> env : Yamls.maps(container, "env")) {
      String name = (String) env.get("name");
      Map<String, Object> configMapKey = Yamls.map(env, "valueFrom", "configMapKeyRef");
      Map<String, Object> secretKey = Yamls.map(env, "valueFrom", "secretKeyRef");
      if (!secretKey.isEmpty()) {
        String secret = (String) secretKey.get("name");
        String key = (String) secretKey.get("key");
        if (!secrets.getOrDefault(secret, Set.of()).contains(key)) {
          problems.add(
              where
                  + ": "
                  + name
                  + " reads "
                  + secret
                  + "/"
                  + key
                  + ", not in "
                  + SecretsTemplate.FILE);
        }
        put(values, secretRefs, name, null, secret + "/" + key);
      } else if (!configMapKey.isEmpty()) {
        Map<String, Object> data = manifests.configMapData((String) configMapKey.get("name"));
        Object value = data == null ? null : data.get(configMapKey.get("key"));
        if (value == null) {
          problems.add(where + ": " + name + " reads a ConfigMap key that is not rendered");
        }
        values.put(name, String.valueOf(value));
      } else {
        values.put(name, Yamls.string(env, "value"));
      }
    }
    return new ContainerEnvironment(values, secretRefs);
  }

  private static void put(
      Map<String, String> values,
      Map<String, String> secretRefs,
      String name,
      String v,
      String ref) {
    values.put(name, v);
    secretRefs.put(name, ref);
  }
}
