package dev.feedlink.pipeline.provider;

import jakarta.validation.constraints.NotNull;
import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where the sandbox provider answers.
 *
 * @param baseUrl base URL of the sandbox provider's HTTP server
 */
@Validated
@ConfigurationProperties("feedlink.sandbox")
public record SandboxProperties(@DefaultValue("http://localhost:8090") @NotNull URI baseUrl) {}
