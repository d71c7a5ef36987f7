package dev.feedlink.sandbox;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The sandbox plays a third party: it shares no code with Feedlink, and its domain (logins, load
 * model, ledger) is plain Java like every service's.
 */
@AnalyzeClasses(packages = "dev.feedlink.sandbox", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest
  static final ArchRule sharesNoCodeWithThePlatform =
      noClasses().should().dependOnClassesThat().resideInAnyPackage(
              "dev.feedlink.platform..", "dev.feedlink.events..", "dev.feedlink.schemas..", "dev.feedlink.testkit..")
          .because("the sandbox stands in for a third party; only open formats cross the wire");

  @ArchTest
  static final ArchRule domainIsPlainJava =
      noClasses().that().resideInAPackage("dev.feedlink.sandbox..domain..")
          .should().dependOnClassesThat().resideInAnyPackage(
              "org.springframework..", "reactor..", "tools.jackson..", "com.fasterxml..", "jakarta..", "io.netty..")
          .because("domain logic is plain Java, tested without a framework; adapters live at the edge");
}
