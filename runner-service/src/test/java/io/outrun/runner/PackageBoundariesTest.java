package io.outrun.runner;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.outrun.testing.arch.FeaturePackages;
import org.junit.jupiter.api.Test;

/**
 * The runner's feature packages and what each may use (runner-service/README.md, "Packages"): a
 * feature uses another only through its public types and only along the arrows below, and the
 * infrastructure stays in the one package that owns it.
 *
 * <pre>
 * intake ──▶ engine ──▶ node ──▶ egress
 *   │          │  │       ├──▶ parse
 *   │          │  │       ├──▶ expression
 *   └──▶ store ◀┘  ├───────┼──▶ usage
 *         ▲       └───────┴──▶ retry
 *         ├── secret ◀── engine
 *         └── subflow ◀── node (sub-workflow runs)
 *
 * trace ◀── intake, engine, node (the run's span and its log context)
 * </pre>
 */
class PackageBoundariesTest {

  private static final String RUNNER = "io.outrun.runner";

  private static final JavaClasses RUNNER_CLASSES =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages(RUNNER);

  @Test
  void featuresUseEachOtherOnlyAlongTheArrows() {
    layeredArchitecture()
        .consideringOnlyDependenciesInLayers()
        .layer("intake")
        .definedBy(RUNNER + ".intake..")
        .layer("engine")
        .definedBy(RUNNER + ".engine..")
        .layer("node")
        .definedBy(RUNNER + ".node..")
        .layer("expression")
        .definedBy(RUNNER + ".expression..")
        .layer("usage")
        .definedBy(RUNNER + ".usage..")
        .layer("retry")
        .definedBy(RUNNER + ".retry..")
        .layer("egress")
        .definedBy(RUNNER + ".egress..")
        .layer("parse")
        .definedBy(RUNNER + ".parse..")
        .layer("subflow")
        .definedBy(RUNNER + ".subflow..")
        .layer("store")
        .definedBy(RUNNER + ".store..")
        .layer("secret")
        .definedBy(RUNNER + ".secret..")
        .layer("trace")
        .definedBy(RUNNER + ".trace..")
        .whereLayer("intake")
        .mayNotBeAccessedByAnyLayer()
        .whereLayer("engine")
        .mayOnlyBeAccessedByLayers("intake")
        .whereLayer("node")
        .mayOnlyBeAccessedByLayers("engine")
        .whereLayer("expression")
        .mayOnlyBeAccessedByLayers("engine", "node")
        .whereLayer("usage")
        .mayOnlyBeAccessedByLayers("engine", "node")
        .whereLayer("retry")
        .mayOnlyBeAccessedByLayers("engine", "node")
        .whereLayer("egress")
        .mayOnlyBeAccessedByLayers("node")
        .whereLayer("parse")
        .mayOnlyBeAccessedByLayers("node")
        .whereLayer("subflow")
        .mayOnlyBeAccessedByLayers("node")
        .whereLayer("store")
        .mayOnlyBeAccessedByLayers("intake", "engine", "secret", "subflow")
        .whereLayer("secret")
        .mayOnlyBeAccessedByLayers("engine")
        .whereLayer("trace")
        .mayOnlyBeAccessedByLayers("intake", "engine", "node")
        .check(RUNNER_CLASSES);
  }

  @Test
  void featuresAreFreeOfCycles() {
    slices().matching(RUNNER + ".(*)..").should().beFreeOfCycles().check(RUNNER_CLASSES);
  }

  @Test
  void featuresUseEachOtherOnlyThroughTheirPublicTypes() {
    classes()
        .that()
        .resideInAPackage(RUNNER + "..")
        .should(FeaturePackages.under(RUNNER).usedOnlyThroughPublicTypes())
        .check(RUNNER_CLASSES);
  }

  @Test
  void onlyTheStoreTouchesMongoDb() {
    noClasses()
        .that()
        .resideInAPackage(RUNNER + "..")
        .and()
        .resideOutsideOfPackage(RUNNER + ".store..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("com.mongodb..", "org.bson..", "org.springframework.data..")
        .because("MongoDB is the store's business (only store classes hold ReactiveMongoTemplate)")
        .check(RUNNER_CLASSES);
  }

  @Test
  void nothingButTheEventBusTouchesKafka() {
    noClasses()
        .that()
        .resideInAPackage(RUNNER + "..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.apache.kafka..", "reactor.kafka..", "org.springframework.kafka..")
        .because("the runner publishes and consumes through event-bus (ADR 0001)")
        .check(RUNNER_CLASSES);
  }

  @Test
  void retryDoesNotDependOnNodes() {
    noClasses()
        .that()
        .resideInAPackage(RUNNER + ".retry..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage(RUNNER + ".node..")
        .because("retry timing is pure data and functions of time, attempts and the peer's wait")
        .check(RUNNER_CLASSES);
  }

  @Test
  void expressionsDoNotDependOnNodeTypes() {
    noClasses()
        .that()
        .resideInAPackage(RUNNER + ".expression..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage(RUNNER + ".node..")
        .because("expressions evaluate against a context, whatever node asks")
        .check(RUNNER_CLASSES);
  }
}
