package io.outrun.deploy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Fields of a rendered object that its Kubernetes API type does not have: kubectl 1.27+ applies
 * with strict field validation, so the API server would refuse the object. The types are fabric8's
 * model, generated from Kubernetes' OpenAPI; a field it does not know lands in {@code
 * additionalProperties}, which this walks the whole object for.
 */
final class KubernetesFields {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static final Map<String, Class<?>> TYPES =
      Map.of(
          "v1/Namespace", Namespace.class,
          "v1/ConfigMap", ConfigMap.class,
          "v1/Secret", Secret.class,
          "v1/Service", Service.class,
          "apps/v1/Deployment", Deployment.class,
          "autoscaling/v2/HorizontalPodAutoscaler", HorizontalPodAutoscaler.class,
          "policy/v1/PodDisruptionBudget", PodDisruptionBudget.class,
          "networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class);

  /** Custom resources, whose operators' CRDs are not modelled here; checked by their tests. */
  static final Set<String> CUSTOM =
      Set.of(
          "monitoring.coreos.com/v1/PodMonitor",
          "monitoring.coreos.com/v1/PrometheusRule",
          "keda.sh/v1alpha1/ScaledObject");

  private KubernetesFields() {}

  /** One problem per unknown field, with its path; or that the object's type is not known. */
  static List<String> unknown(Map<String, Object> object) {
    String type = object.get("apiVersion") + "/" + object.get("kind");
    String where = type + " " + Manifests.name(object);
    List<String> problems = new ArrayList<>();
    if (CUSTOM.contains(type)) {
      return problems;
    }
    Class<?> model = TYPES.get(type);
    if (model == null) {
      problems.add(where + ": no API type known for " + type);
      return problems;
    }
    walk(JSON.convertValue(object, model), where, problems);
    return problems;
  }

  private static void walk(Object node, String path, List<String> problems) {
    if (node instanceof Collection<?> items) {
      int index = 0;
      for (Object item : items) {
        walk(item, path + "[" + index++ + "]", problems);
      }
      return;
    }
    if (node instanceof Map<?, ?> map) {
      map.forEach((key, value) -> walk(value, path + "." + key, problems));
      return;
    }
    if (node == null || !node.getClass().getPackageName().startsWith("io.fabric8")) {
      return;
    }
    for (Method getter : node.getClass().getMethods()) {
      String name = getter.getName();
      if (getter.getParameterCount() != 0
          || Modifier.isStatic(getter.getModifiers())
          || !(name.startsWith("get") || name.startsWith("is"))
          || name.equals("getClass")) {
        continue;
      }
      Object value = invoke(getter, node);
      if (name.equals("getAdditionalProperties")) {
        if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
          problems.add(path + ": unknown field(s) " + extra.keySet());
        }
      } else {
        walk(value, path + "." + property(name), problems);
      }
    }
  }

  private static String property(String getter) {
    String bare = getter.startsWith("is") ? getter.substring(2) : getter.substring(3);
    return bare.isEmpty() ? bare : Character.toLowerCase(bare.charAt(0)) + bare.substring(1);
  }

  private static Object invoke(Method getter, Object node) {
    try {
      return getter.invoke(node);
    } catch (IllegalAccessException | InvocationTargetException e) {
      return null;
    }
  }
}
