package io.outrun.testing.arch;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.Optional;

/**
 * The rule every service keeps between its feature packages ({@code
 * io.outrun.<service>.<feature>}): a feature uses another only through its public types and their
 * public members. The root package of a service holds what all its features share and belongs to
 * none.
 */
public final class FeaturePackages {

  private final String root;

  private FeaturePackages(String root) {
    this.root = root;
  }

  /** The feature packages directly below {@code root} ({@code "io.outrun.api"}). */
  public static FeaturePackages under(String root) {
    return new FeaturePackages(root);
  }

  /**
   * A class's dependencies on another feature's classes go to public types only (nested ones in
   * public types), and to their public members.
   */
  public ArchCondition<JavaClass> usedOnlyThroughPublicTypes() {
    return new ArchCondition<>("use other features only through their public types") {
      @Override
      public void check(JavaClass origin, ConditionEvents events) {
        Optional<String> feature = feature(origin);
        for (Dependency dependency : origin.getDirectDependenciesFromSelf()) {
          JavaClass target = dependency.getTargetClass();
          Optional<String> other = feature(target);
          if (other.isPresent() && !other.equals(feature) && !publicType(target)) {
            events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()));
          }
        }
        origin.getAccessesFromSelf().stream()
            .filter(
                access ->
                    feature(access.getTargetOwner())
                        .filter(f -> !feature.equals(Optional.of(f)))
                        .isPresent())
            .filter(
                access ->
                    access
                        .getTarget()
                        .resolveMember()
                        .map(member -> !member.getModifiers().contains(JavaModifier.PUBLIC))
                        .orElse(false))
            .forEach(
                access ->
                    events.add(SimpleConditionEvent.violated(access, access.getDescription())));
      }
    };
  }

  /**
   * The feature package of a class ({@code engine} of {@code io.outrun.runner.engine.X}); empty for
   * the root package and for classes outside it.
   */
  public Optional<String> feature(JavaClass type) {
    String name = type.getPackageName();
    if (!name.startsWith(root + ".")) {
      return Optional.empty();
    }
    String rest = name.substring(root.length() + 1);
    int dot = rest.indexOf('.');
    return Optional.of(dot < 0 ? rest : rest.substring(0, dot));
  }

  private static boolean publicType(JavaClass type) {
    for (Optional<JavaClass> t = Optional.of(type);
        t.isPresent();
        t = t.get().getEnclosingClass()) {
      if (!t.get().getModifiers().contains(JavaModifier.PUBLIC)) {
        return false;
      }
    }
    return true;
  }
}
