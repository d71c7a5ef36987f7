package dev.feedlink.testkit;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.lang.ArchRule;

/**
 * The layering every service keeps: each feature package has a {@code domain} subpackage of plain
 * Java (status mapping, calendar math, dedup, signing) that knows nothing of Spring, Kafka, Avro,
 * R2DBC, Reactor or JSON; adapters around it translate.
 */
public final class ArchitectureRules {

  private static final String[] FRAMEWORKS = {
    "org.springframework..",
    "io.r2dbc..",
    "org.apache.kafka..",
    "org.apache.avro..",
    "dev.feedlink.events..",
    "reactor..",
    "tools.jackson..",
    "com.fasterxml..",
    "jakarta..",
    "io.micrometer..",
    "io.netty.."
  };

  /** No class in a {@code ..domain..} package under {@code rootPackage} depends on a framework. */
  public static ArchRule domainIsPlainJava(String rootPackage) {
    return noClasses()
        .that()
        .resideInAPackage(rootPackage + "..domain..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(FRAMEWORKS)
        .because("domain logic is plain Java, tested without a framework; adapters live at the edge")
        .allowEmptyShould(true);
  }

  private ArchitectureRules() {}
}
