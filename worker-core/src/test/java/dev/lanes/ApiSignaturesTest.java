package dev.lanes;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.members;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaMember;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;

/**
 * The API packages hand users no internal type: a public member of an API class that took or
 * returned one would make the internals part of the API. (lanes-tools' ApiBoundaryTest checks the
 * other side: that the app imports only API packages.)
 */
@AnalyzeClasses(
    packagesOf = LanesRuntime.class,
    importOptions = ImportOption.DoNotIncludeTests.class)
class ApiSignaturesTest {

  static final String[] API_PACKAGES = {
    "dev.lanes", "dev.lanes.task", "dev.lanes.diagnostics", "dev.lanes.fleet"
  };

  /** worker-core's packages outside the API; the retry decisions are not API either. */
  static final String[] INTERNAL_PACKAGES = {"dev.lanes.internal..", "dev.lanes.retry.."};

  @ArchTest
  static final ArchRule apiMembersExposeNoInternalTypes =
      members()
          .that()
          .areDeclaredInClassesThat()
          .resideInAnyPackage(API_PACKAGES)
          .and()
          .areDeclaredInClassesThat()
          .arePublic()
          .and()
          .arePublic()
          .should(exposeNoInternalType())
          .allowEmptyShould(false);

  @ArchTest
  static final ArchRule apiClassesExtendNoInternalType =
      classes()
          .that()
          .resideInAnyPackage(API_PACKAGES)
          .and()
          .arePublic()
          .should()
          .notBeAssignableTo(
              DescribedPredicate.describe("an internal type", ApiSignaturesTest::isInternal));

  private static ArchCondition<JavaMember> exposeNoInternalType() {
    return new ArchCondition<>("expose no type of " + String.join(", ", INTERNAL_PACKAGES)) {
      @Override
      public void check(JavaMember member, ConditionEvents events) {
        if (member.getModifiers().contains(JavaModifier.SYNTHETIC)) {
          return;
        }
        for (JavaClass type : member.getAllInvolvedRawTypes()) {
          if (isInternal(type)) {
            events.add(
                SimpleConditionEvent.violated(
                    member, member.getFullName() + " exposes internal type " + type.getName()));
          }
        }
      }
    };
  }

  private static boolean isInternal(JavaClass type) {
    return type.getPackageName().startsWith("dev.lanes.internal")
        || type.getPackageName().startsWith("dev.lanes.retry");
  }
}
