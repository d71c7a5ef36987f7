package dev.feedlink.connection.gateway;

import io.swagger.v3.oas.annotations.Hidden;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Lists the public API's descriptions in springdoc's grouped {@code swagger-config} shape (what
 * Swagger UI and other tools read to offer every document): the gateway's own and one per service
 * it forwards to.
 */
@Hidden
@RestController
class ApiDocsController {

  /** One listed description, members in springdoc's order. */
  record Listed(String url, String name) {}

  private final ForwardedApis forwarded;

  ApiDocsController(ForwardedApis forwarded) {
    this.forwarded = forwarded;
  }

  @GetMapping(ForwardedApis.API_DOCS + "/swagger-config")
  Map<String, Object> swaggerConfig() {
    List<Listed> urls = new ArrayList<>();
    urls.add(new Listed(ForwardedApis.API_DOCS, ForwardedApis.GATEWAY_DOCS));
    forwarded.apis().forEach(api -> urls.add(new Listed(api.docsPath(), api.docs())));
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("configUrl", ForwardedApis.API_DOCS + "/swagger-config");
    config.put("urls", urls);
    config.put("urls.primaryName", ForwardedApis.GATEWAY_DOCS);
    return config;
  }
}
