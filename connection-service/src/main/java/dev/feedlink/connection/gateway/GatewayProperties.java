package dev.feedlink.connection.gateway;

import jakarta.validation.constraints.NotNull;
import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Where the gateway forwards the routes other services own, and the admin token.
 *
 * @param streamScheduler base URI of stream-scheduler (Stream schedules and status)
 * @param webhookDispatcher base URI of webhook-dispatcher (endpoints, messages, replay)
 * @param pipelineWorker base URI of pipeline-worker (the data API)
 * @param adminToken the token for {@code /admin/**}; required outside development mode
 * @param maxBodySize the largest request body accepted (413 beyond)
 */
@Validated
@ConfigurationProperties("feedlink.gateway")
public record GatewayProperties(
    @DefaultValue("http://localhost:8082") @NotNull URI streamScheduler,
    @DefaultValue("http://localhost:8083") @NotNull URI webhookDispatcher,
    @DefaultValue("http://localhost:8081") @NotNull URI pipelineWorker,
    String adminToken,
    @DefaultValue("64KB") DataSize maxBodySize) {

  public static final String DEVELOPMENT_ADMIN_TOKEN = "local-admin-token";
}
