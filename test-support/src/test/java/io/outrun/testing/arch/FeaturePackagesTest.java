package io.outrun.testing.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import io.outrun.testing.arch.shop.billing.Invoice;
import io.outrun.testing.arch.shop.order.Checkout;
import org.junit.jupiter.api.Test;

class FeaturePackagesTest {

  private static final String SHOP = "io.outrun.testing.arch.shop";
  private static final FeaturePackages FEATURES = FeaturePackages.under(SHOP);

  @Test
  void featureIsThePackageRightBelowTheRoot() {
    JavaClasses shop = new ClassFileImporter().importClasses(Checkout.class, Invoice.class);

    assertThat(FEATURES.feature(shop.get(Checkout.class))).contains("order");
    assertThat(FEATURES.feature(shop.get(Invoice.class))).contains("billing");
    assertThat(FeaturePackages.under("io.outrun.other").feature(shop.get(Invoice.class))).isEmpty();
  }

  @Test
  void publicTypesAndMembersOfAnotherFeatureMayBeUsed() {
    JavaClasses shop = new ClassFileImporter().importPackages(SHOP + ".order", SHOP + ".billing");

    classes()
        .that()
        .resideInAPackage(SHOP + "..")
        .should(FEATURES.usedOnlyThroughPublicTypes())
        .check(shop);
  }

  @Test
  void aMemberOfAnotherFeatureThatIsNotPublicMayNotBeUsed() {
    JavaClasses shop = new ClassFileImporter().importPackages(SHOP + ".billing", SHOP + ".sneaky");

    assertThatThrownBy(
            () ->
                classes()
                    .that()
                    .resideInAPackage(SHOP + "..")
                    .should(FEATURES.usedOnlyThroughPublicTypes())
                    .check(shop))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("DiscountedInvoice")
        .hasMessageContaining("Invoice.<init>(long)");
  }
}
