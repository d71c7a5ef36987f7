package dev.feedlink.pipeline.provider.domain;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The real public sample files the sandbox provider ships ({@code samples/} on its classpath). */
public final class Samples {

  public static byte[] bytes(String path) {
    try (InputStream in = Samples.class.getResourceAsStream("/samples/" + path)) {
      if (in == null) {
        throw new IllegalStateException("sample samples/" + path + " is not on the test classpath (sandbox-provider)");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static String text(String path) {
    return new String(bytes(path), StandardCharsets.UTF_8);
  }

  private Samples() {}
}
