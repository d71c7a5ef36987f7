package dev.feedlink.pipeline.provider;

import dev.feedlink.pipeline.provider.domain.ProviderDescriptor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The connectors of the providers this pipeline serves, by provider id. */
public final class Connectors {

  private final Map<UUID, Connector> byId = new LinkedHashMap<>();

  public Connectors(List<Connector> connectors) {
    connectors.forEach(c -> byId.put(c.descriptor().id(), c));
  }

  public Optional<Connector> find(UUID providerId) {
    return Optional.ofNullable(byId.get(providerId));
  }

  public List<ProviderDescriptor> providers() {
    return byId.values().stream().map(Connector::descriptor).toList();
  }
}
