package dev.feedlink.platform;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names the service an application class starts. Its defaults are read from {@code <name>.yml} on
 * the classpath (not {@code application.yml}), so that several services can share one JVM and one
 * classpath in the local stack and the end-to-end tests without reading each other's settings.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface FeedlinkService {
  String value();
}
