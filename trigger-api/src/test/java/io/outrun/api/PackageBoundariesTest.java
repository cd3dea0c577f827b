package io.outrun.api;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.outrun.testing.arch.FeaturePackages;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * trigger-api's feature packages and what each may use (trigger-api/README.md, "Packages"): a
 * feature uses another only through its public types, without cycles; MongoDB's template and driver
 * are touched only by store classes, Kafka by nobody (event-bus owns it).
 */
class PackageBoundariesTest {

  private static final String API = "io.outrun.api";

  /** Stores named for what they hold rather than {@code *Store}. */
  private static final Set<String> NAMED_STORES =
      Set.of(
          "Deployments",
          "TriggerHistory",
          "TriggerActivity",
          "ScheduleResets",
          "RunHistory",
          "AcceptedRuns",
          "RunCancellation");

  private static final JavaClasses API_CLASSES =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages(API);

  @Test
  void featuresAreFreeOfCycles() {
    slices().matching(API + ".(*)..").should().beFreeOfCycles().check(API_CLASSES);
  }

  @Test
  void featuresUseEachOtherOnlyThroughTheirPublicTypes() {
    classes()
        .that()
        .resideInAPackage(API + "..")
        .should(FeaturePackages.under(API).usedOnlyThroughPublicTypes())
        .check(API_CLASSES);
  }

  /**
   * Store classes own the queries and updates of their collection: a class named {@code *Store}, a
   * {@code Mongo*} class (indexes and setup), or one of the stores named for what they hold. Other
   * classes may use the mapping types (documents, {@code Update} values the store applies) but not
   * the template or the driver. Nested types belong to their class.
   */
  @Test
  void onlyStoreClassesTouchTheTemplateOrTheDriver() {
    noClasses()
        .that()
        .resideInAPackage(API + "..")
        .and(DescribedPredicate.not(storeClasses()))
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("com.mongodb..")
        .orShould()
        .dependOnClassesThat()
        .haveSimpleNameStartingWith("ReactiveMongo")
        .orShould()
        .dependOnClassesThat()
        .haveSimpleNameStartingWith("ReactiveBulkOperations")
        .because("reading and writing MongoDB is the business of store classes")
        .check(API_CLASSES);
  }

  @Test
  void nothingButTheEventBusTouchesKafka() {
    noClasses()
        .that()
        .resideInAPackage(API + "..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.apache.kafka..", "reactor.kafka..", "org.springframework.kafka..")
        .because("trigger-api publishes through event-bus (ADR 0001)")
        .check(API_CLASSES);
  }

  private static DescribedPredicate<JavaClass> storeClasses() {
    return DescribedPredicate.describe(
        "store classes (*Store, Mongo*, " + NAMED_STORES + ")",
        type -> {
          String name = topLevel(type).getSimpleName();
          return name.endsWith("Store") || name.startsWith("Mongo") || NAMED_STORES.contains(name);
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
