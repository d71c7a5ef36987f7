package dev.feedlink.sandbox.domain;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The two third parties the sandbox plays; {@link #path()} is their URL prefix. */
public enum Provider {
  UTILITY("utility", "Sandbox Energy"),
  BANK("bank", "Sandbox Bank");

  private final String path;
  private final String displayName;

  Provider(String path, String displayName) {
    this.path = path;
    this.displayName = displayName;
  }

  public String displayName() {
    return displayName;
  }

  public String path() {
    return path;
  }

  public static Optional<Provider> fromPath(String path) {
    return Arrays.stream(values()).filter(p -> p.path.equals(path)).findFirst();
  }

  public static List<String> paths() {
    return Arrays.stream(values()).map(Provider::path).toList();
  }
}
