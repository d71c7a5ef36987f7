package dev.feedlink.platform.web;

import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What a service's OpenAPI description says about itself. Every public route is reached through the
 * gateway, so the one server a description names is the gateway's public address, never the
 * service's own.
 *
 * @param title the document's title; a service without one publishes no description of its own
 * @param description what the routes of this document are for, and where the others are described
 * @param version the API's version; the build's version when not set
 * @param serverUrl the public base URL clients call (the gateway)
 */
@ConfigurationProperties("feedlink.api-docs")
public record ApiDocsProperties(
    String title, String description, String version, @DefaultValue("http://localhost:8080") URI serverUrl) {}
