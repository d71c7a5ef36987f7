package dev.feedlink.pipeline.provider;

import dev.feedlink.pipeline.provider.domain.DataType;
import dev.feedlink.pipeline.provider.domain.ProviderDescriptor;

/** The two providers of the sandbox, with ids that never change. */
public final class SandboxProviders {

  public static final ProviderDescriptor ENERGY = new ProviderDescriptor(
      ProviderDescriptor.stableId("sandbox-energy"), "Sandbox Energy", ProviderDescriptor.UTILITY, "US", DataType.UTILITY);

  public static final ProviderDescriptor BANK = new ProviderDescriptor(
      ProviderDescriptor.stableId("sandbox-bank"), "Sandbox Bank", ProviderDescriptor.BANK, "AU", DataType.BANK);

  private SandboxProviders() {}
}
