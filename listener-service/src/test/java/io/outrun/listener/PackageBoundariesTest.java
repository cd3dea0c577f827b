package io.outrun.listener;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.outrun.events.RunRequested;
import io.outrun.events.TriggeredBy;
import io.outrun.testing.arch.FeaturePackages;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The listener's feature packages and what each may use (listener-service/README.md, "Packages"): a
 * feature uses another only through its public types, without cycles; MongoDB is touched only by
 * store classes, Kafka by nobody (event-bus owns it); run requests are built only in {@code
 * publish}; planners are pure.
 */
class PackageBoundariesTest {

  private static final String LISTENER = "io.outrun.listener";

  private static final JavaClasses LISTENER_CLASSES =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages(LISTENER);

  @Test
  void featuresAreFreeOfCycles() {
    slices().matching(LISTENER + ".(*)..").should().beFreeOfCycles().check(LISTENER_CLASSES);
  }

  @Test
  void featuresUseEachOtherOnlyThroughTheirPublicTypes() {
    classes()
        .that()
        .resideInAPackage(LISTENER + "..")
        .should(FeaturePackages.under(LISTENER).usedOnlyThroughPublicTypes())
        .check(LISTENER_CLASSES);
  }

  /**
   * A store class is named {@code *Store} (the listener's own collections) or {@code Mongo*} (an
   * adapter to MongoDB itself: change streams, the registry's reads, the lock provider); nested
   * types belong to their class.
   */
  @Test
  void onlyStoreClassesTouchMongoDb() {
    noClasses()
        .that()
        .resideInAPackage(LISTENER + "..")
        .and(DescribedPredicate.not(storeClasses()))
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("com.mongodb..", "org.bson..", "org.springframework.data..")
        .because(
            "MongoDB is the business of store classes (ReactiveMongoTemplate, the driver, BSON)")
        .check(LISTENER_CLASSES);
  }

  @Test
  void nothingButTheEventBusTouchesKafka() {
    noClasses()
        .that()
        .resideInAPackage(LISTENER + "..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.apache.kafka..", "reactor.kafka..", "org.springframework.kafka..")
        .because("the listener publishes and consumes through event-bus (ADR 0001)")
        .check(LISTENER_CLASSES);
  }

  @Test
  void runRequestsAreBuiltOnlyInPublish() {
    noClasses()
        .that()
        .resideInAPackage(LISTENER + "..")
        .and()
        .resideOutsideOfPackage(LISTENER + ".publish..")
        .should()
        .callMethod(RunRequested.class, "builder")
        .orShould()
        .callMethod(
            RunRequested.class,
            "of",
            Instant.class,
            String.class,
            String.class,
            int.class,
            boolean.class,
            TriggeredBy.class,
            int.class,
            String[].class)
        .orShould()
        .callConstructor(
            RunRequested.class,
            String.class,
            Instant.class,
            String.class,
            String.class,
            int.class,
            String.class,
            boolean.class,
            TriggeredBy.class,
            int.class)
        .because("one factory per trigger type builds its run requests (publish package)")
        .check(LISTENER_CLASSES);
  }

  @Test
  void plannersArePure() {
    noClasses()
        .that()
        .resideInAPackage(LISTENER + "..")
        .and()
        .haveSimpleNameEndingWith("Plan")
        .or()
        .haveSimpleNameEndingWith("Planner")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "org.springframework..",
            "reactor..",
            "com.mongodb..",
            "org.bson..",
            "io.micrometer..",
            "io.outrun.service..")
        .because("a decision is data and functions of what the caller passes in")
        .check(LISTENER_CLASSES);
  }

  private static DescribedPredicate<JavaClass> storeClasses() {
    return DescribedPredicate.describe(
        "store classes (*Store, Mongo*)",
        type -> {
          String name = topLevel(type).getSimpleName();
          return name.endsWith("Store") || name.startsWith("Mongo");
        });
  }

  private static JavaClass topLevel(JavaClass type) {
    JavaClass top = type;
    while (top.getEnclosingClass().isPresent()) {
      top = top.getEnclosingClass().get();
    }
    return top;
  }
}
