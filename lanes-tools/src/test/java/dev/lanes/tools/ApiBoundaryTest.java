package dev.lanes.tools;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.lanes.LanesRuntime;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The app and the tools are users of worker-core like any other: they may use only the library's
 * API packages. Everything else in worker-core (the {@code internal} packages, the retry decisions)
 * may change without notice. The rule covers production code; tests may build fixtures with the
 * runtime's own internals (dead letters made by the runtime's record builder, say). It lives here,
 * in the full distribution, because only this module sees both the worker's and the tools' code.
 */
@AnalyzeClasses(
    packages = {"dev.lanes.app", "dev.lanes.tools"},
    importOptions = ImportOption.DoNotIncludeTests.class)
class ApiBoundaryTest {

  /**
   * worker-core's API: what a user writes or configures, the codec, the built-in handlers, and the
   * library-version check a failed build reports.
   */
  static final List<String> CORE_API_PACKAGES =
      List.of(
          "dev.lanes",
          "dev.lanes.task",
          "dev.lanes.diagnostics",
          "dev.lanes.versions",
          "dev.lanes.fleet");

  @ArchTest
  static final ArchRule appAndToolsUseOnlyTheRuntimesApiPackages =
      noClasses()
          .that()
          .resideInAnyPackage("dev.lanes.app..", "dev.lanes.tools..")
          .should()
          .dependOnClassesThat(coreClassesOutsideTheApi())
          .because("worker-core's non-API packages are internal; add to its API instead");

  /**
   * Every class of worker-core's jar (or classes directory) outside the API packages, so a package
   * added to worker-core is internal until it is declared API here.
   */
  private static DescribedPredicate<JavaClass> coreClassesOutsideTheApi() {
    Set<String> coreClasses =
        new ClassFileImporter()
                .importUrl(LanesRuntime.class.getProtectionDomain().getCodeSource().getLocation())
                .stream()
                .map(JavaClass::getName)
                .collect(Collectors.toUnmodifiableSet());
    if (!coreClasses.contains(LanesRuntime.class.getName())) {
      throw new IllegalStateException("worker-core's classes were not found: " + coreClasses);
    }
    return DescribedPredicate.describe(
        "are worker-core classes outside its API packages " + CORE_API_PACKAGES,
        type ->
            coreClasses.contains(type.getName())
                && !CORE_API_PACKAGES.contains(type.getPackageName()));
  }
}
