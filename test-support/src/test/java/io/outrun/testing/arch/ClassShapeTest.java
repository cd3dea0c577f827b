package io.outrun.testing.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import io.outrun.testing.arch.shop.order.Checkout;
import io.outrun.testing.arch.shop.refund.Refund;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassShapeTest {

  @Test
  void aClassWithFiveCollaboratorsOrFewerPasses() {
    JavaClasses checkout = new ClassFileImporter().importClasses(Checkout.class);

    classes().should(ClassShape.takeAtMostCollaborators(5)).check(checkout);
  }

  @Test
  void aClassWithSixCollaboratorsIsNamed() {
    JavaClasses refund = new ClassFileImporter().importClasses(Refund.class);

    assertThatThrownBy(() -> classes().should(ClassShape.takeAtMostCollaborators(5)).check(refund))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Refund.<init>")
        .hasMessageContaining("takes 6");
  }

  @Test
  void onlyJavaFilesLongerThanTheLimitAreListed(@TempDir Path sources) throws IOException {
    Files.createDirectories(sources.resolve("feature"));
    Files.write(sources.resolve("feature/Long.java"), Collections.nCopies(251, "//"));
    Files.write(sources.resolve("Short.java"), Collections.nCopies(250, "//"));
    Files.write(sources.resolve("notes.md"), Collections.nCopies(300, "-"));

    assertThat(ClassShape.filesLongerThan(sources, 250))
        .containsExactly(Path.of("feature", "Long.java") + " (251 lines)");
  }
}
