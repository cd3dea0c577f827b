package io.outrun.testing.arch;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaConstructor;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Small classes, as every service keeps them: no production source file over a number of lines, no
 * constructor taking more than a number of collaborators.
 */
public final class ClassShape {

  private ClassShape() {}

  /** The Java files below {@code sources} longer than {@code maxLines}, each with its length. */
  public static List<String> filesLongerThan(Path sources, int maxLines) {
    try (Stream<Path> files = Files.walk(sources)) {
      return files
          .filter(file -> file.toString().endsWith(".java"))
          .filter(file -> lines(file) > maxLines)
          .map(file -> sources.relativize(file) + " (" + lines(file) + " lines)")
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * No constructor takes more than {@code most} parameters, an inner class's enclosing instance not
   * counted. Apply it to classes that are not records or enums (records are data, not
   * collaborators).
   */
  public static ArchCondition<JavaClass> takeAtMostCollaborators(int most) {
    return new ArchCondition<>("take at most " + most + " collaborators") {
      @Override
      public void check(JavaClass type, ConditionEvents events) {
        for (JavaConstructor constructor : type.getConstructors()) {
          int parameters = constructor.getRawParameterTypes().size();
          if (parameters - (type.isInnerClass() ? 1 : 0) > most) {
            events.add(
                SimpleConditionEvent.violated(
                    constructor, constructor.getFullName() + " takes " + parameters));
          }
        }
      }
    };
  }

  private static long lines(Path file) {
    try (Stream<String> lines = Files.lines(file)) {
      return lines.count();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
