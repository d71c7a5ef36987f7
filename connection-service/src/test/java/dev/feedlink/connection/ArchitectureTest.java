package dev.feedlink.connection;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.feedlink.testkit.ArchitectureRules;

@AnalyzeClasses(packages = "dev.feedlink.connection", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest
  static final ArchRule domainIsPlainJava = ArchitectureRules.domainIsPlainJava("dev.feedlink.connection");
}
