package dev.feedlink.platform.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Properties;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * The base of a service's OpenAPI description (springdoc adds the routes): its title, version and
 * description, the public server, and the bearer token every route but the open ones needs. Only
 * for services that publish a description (springdoc on the class path, {@code
 * feedlink.api-docs.title} set).
 */
@AutoConfiguration
@ConditionalOnClass(OpenAPI.class)
@ConditionalOnProperty("feedlink.api-docs.title")
@EnableConfigurationProperties(ApiDocsProperties.class)
public class PublicApiDocsAutoConfiguration {

  /** The name the security scheme is declared under and required by. */
  public static final String BEARER = "bearer";

  @Bean
  OpenAPI publicApiDescription(ApiDocsProperties docs) {
    return new OpenAPI()
        .info(new Info()
            .title(docs.title())
            .description(docs.description())
            .version(docs.version() != null ? docs.version() : buildVersion()))
        .servers(List.of(new Server().url(docs.serverUrl().toString()).description("the Feedlink gateway")))
        .components(new Components().addSecuritySchemes(BEARER, new SecurityScheme()
            .type(SecurityScheme.Type.HTTP)
            .scheme("bearer")
            .description("your app's API token (fl_…); a connection token (ct_…) reads and answers its one connection")))
        .addSecurityItem(new SecurityRequirement().addList(BEARER));
  }

  static String buildVersion() {
    try (InputStream in = PublicApiDocsAutoConfiguration.class.getResourceAsStream("/META-INF/feedlink/build.properties")) {
      Properties build = new Properties();
      if (in != null) {
        build.load(in);
      }
      return build.getProperty("version", "unknown");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
