package io.outrun.local;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The services are deployed apart and share only events and document shapes: no service uses
 * another's classes, and only the event bus touches a Kafka client (ADR 0001).
 */
class ModuleBoundariesTest {

  private static final JavaClasses OUTRUN =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.outrun");

  @Test
  void servicesDoNotUseEachOthersClasses() {
    for (String service : new String[] {"api", "listener", "runner"}) {
      noClasses()
          .that()
          .resideInAPackage("io.outrun." + service + "..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(otherServices(service))
          .check(OUTRUN);
    }
  }

  @Test
  void onlyTheEventBusTalksToKafka() {
    noClasses()
        .that()
        .resideInAnyPackage("io.outrun.api..", "io.outrun.listener..", "io.outrun.runner..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("reactor.kafka..", "org.apache.kafka..", "org.springframework.kafka..")
        .check(OUTRUN);
  }

  @Test
  void servicesDoNotDependOnTheLocalStackItsInfrastructureOrTheDevTokenSigner() {
    noClasses()
        .that()
        .resideInAnyPackage("io.outrun.api..", "io.outrun.listener..", "io.outrun.runner..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.outrun.local..", "io.outrun.infra..", "io.outrun.testing..", "io.outrun.devauth..")
        .check(OUTRUN);
  }

  private static String[] otherServices(String service) {
    return java.util.stream.Stream.of("api", "listener", "runner")
        .filter(other -> !other.equals(service))
        .map(other -> "io.outrun." + other + "..")
        .toArray(String[]::new);
  }
}
