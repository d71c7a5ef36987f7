package dev.feedlink.testkit;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;

/** Points a Spring test context at the shared {@link TestInfrastructure}. */
public final class InfrastructureInitializer
    implements ApplicationContextInitializer<ConfigurableApplicationContext> {

  private static final String TEST_PROPERTIES = "Inlined Test Properties";

  @Override
  public void initialize(ConfigurableApplicationContext context) {
    Map<String, Object> props = new LinkedHashMap<>(TestInfrastructure.get().springProperties());
    MapPropertySource infrastructure = new MapPropertySource("feedlink-test-infrastructure", props);
    // Above the environment and the service's defaults; below a test's own properties.
    MutablePropertySources sources = context.getEnvironment().getPropertySources();
    if (sources.contains(TEST_PROPERTIES)) {
      sources.addAfter(TEST_PROPERTIES, infrastructure);
    } else {
      sources.addFirst(infrastructure);
    }
  }
}
