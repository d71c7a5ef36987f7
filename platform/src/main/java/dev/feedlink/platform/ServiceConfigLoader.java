package dev.feedlink.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

/**
 * Adds {@code <service>.yml} of the {@link FeedlinkService} being started as the lowest-precedence
 * property source: environment variables, system properties and test properties override it.
 */
public final class ServiceConfigLoader implements EnvironmentPostProcessor, Ordered {

  @Override
  public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
    for (Object source : application.getAllSources()) {
      if (source instanceof Class<?> type) {
        FeedlinkService service = AnnotatedElementUtils.findMergedAnnotation(type, FeedlinkService.class);
        if (service != null) {
          load(environment, service.value());
          return;
        }
      }
    }
  }

  private static void load(ConfigurableEnvironment environment, String name) {
    ClassPathResource resource = new ClassPathResource(name + ".yml");
    if (!resource.exists()) {
      throw new IllegalStateException("service " + name + " has no " + name + ".yml on the classpath");
    }
    try {
      List<PropertySource<?>> sources = new YamlPropertySourceLoader().load("service:" + name, resource);
      sources.forEach(environment.getPropertySources()::addLast);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public int getOrder() {
    // After config data (application.yml) is loaded, so addLast puts ours beneath it.
    return Ordered.LOWEST_PRECEDENCE;
  }
}
