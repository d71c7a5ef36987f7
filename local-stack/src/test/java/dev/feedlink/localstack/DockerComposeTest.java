package dev.feedlink.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.feedlink.sandbox.SandboxProviderApplication;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * No Docker engine runs here, so docker-compose.yml is checked against the services' real
 * configuration instead: every service is there and built from its module, every environment
 * variable it sets is a property that service reads, and ports, Kafka and PostgreSQL addresses agree.
 */
class DockerComposeTest {

  /** Service module, and whether it is built on the platform (and so reads the platform's settings). */
  private static final Map<String, Boolean> SERVICES =
      Map.of(
          "connection-service", true,
          "pipeline-worker", true,
          "stream-scheduler", true,
          "webhook-dispatcher", true,
          "sandbox-provider", false);

  private static final Set<String> JVM_VARIABLES = Set.of("JAVA_TOOL_OPTIONS", "JAVA_OPTS");
  private static final Pattern URL_IN_VALUE = Pattern.compile("(?:https?|r2dbc:postgresql|jdbc:postgresql)://([a-z0-9-]+):(\\d+)");

  private static Path root;
  private static Map<String, Object> compose;
  /** Property name to its type, per module that declares it ("library" for Spring and others). */
  private static final Map<String, Map<String, String>> properties = new HashMap<>();

  @BeforeAll
  @SuppressWarnings("unchecked")
  static void read() throws IOException {
    root = Path.of("..").toAbsolutePath().normalize();
    try (InputStream in = Files.newInputStream(root.resolve("docker-compose.yml"))) {
      compose = new Yaml().load(in);
    }
    ObjectMapper json = new ObjectMapper();
    for (URL url : Collections.list(
        DockerComposeTest.class.getClassLoader().getResources("META-INF/spring-configuration-metadata.json"))) {
      String module = moduleOf(url.toString());
      try (InputStream in = url.openStream()) {
        for (JsonNode property : json.readTree(in).path("properties")) {
          properties
              .computeIfAbsent(module, m -> new HashMap<>())
              .put(property.path("name").asString(), property.path("type").asString(""));
        }
      }
    }
  }

  private static String moduleOf(String url) {
    for (String module : List.of(
        "connection-service", "pipeline-worker", "stream-scheduler", "webhook-dispatcher", "sandbox-provider", "platform")) {
      if (url.contains("/" + module + "/") || url.contains("/" + module + "-0")) {
        return module;
      }
    }
    return "library";
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> service(String name) {
    Map<String, Object> services = (Map<String, Object>) compose.get("services");
    Object service = services.get(name);
    assertThat(service).as("docker-compose.yml service " + name).isNotNull();
    return (Map<String, Object>) service;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, String> environment(String name) {
    Object env = service(name).get("environment");
    Map<String, String> out = new LinkedHashMap<>();
    if (env instanceof Map<?, ?> map) {
      map.forEach((k, v) -> out.put(String.valueOf(k), String.valueOf(v)));
    }
    return out;
  }

  private static String envForm(String property) {
    return property.replace(".", "_").replace("-", "").toUpperCase();
  }

  private static String ownConfig(String module) throws IOException {
    Path yml = root.resolve(module).resolve("src/main/resources").resolve(module + ".yml");
    return Files.exists(yml) ? Files.readString(yml) : "";
  }

  @SuppressWarnings("unchecked")
  private static int serverPort(String module) throws IOException {
    if (module.equals("sandbox-provider")) {
      return Integer.parseInt(String.valueOf(SandboxProviderApplication.DEFAULTS.get("server.port")));
    }
    Map<String, Object> yml = new Yaml().load(ownConfig(module));
    return (Integer) ((Map<String, Object>) yml.get("server")).get("port");
  }

  @Test
  void everyServiceIsBuiltFromItsModule() throws IOException {
    for (String module : SERVICES.keySet()) {
      assertThat(service(module).get("build")).as(module).isEqualTo("./" + module);
      Path dockerfile = root.resolve(module).resolve("Dockerfile");
      assertThat(dockerfile).as(module + " Dockerfile").exists();
      assertThat(Files.readString(dockerfile)).contains("COPY target/" + module + "-*-exec.jar");
    }
  }

  @Test
  void everyEnvironmentVariableIsAPropertyTheServiceReads() throws IOException {
    List<String> unknown = new ArrayList<>();
    for (Map.Entry<String, Boolean> entry : SERVICES.entrySet()) {
      String module = entry.getKey();
      Set<String> readable = new HashSet<>();
      Set<String> maps = new HashSet<>();
      List<String> sources = new ArrayList<>(List.of(module, "library"));
      if (entry.getValue()) {
        sources.add("platform");
      }
      for (String source : sources) {
        properties.getOrDefault(source, Map.of()).forEach((name, type) -> {
          if (source.equals("library") && name.startsWith("feedlink.")) {
            return;
          }
          readable.add(envForm(name));
          if (type.startsWith("java.util.Map")) {
            maps.add(envForm(name) + "_");
          }
        });
      }
      String config = ownConfig(module);
      for (String variable : environment(module).keySet()) {
        boolean known =
            JVM_VARIABLES.contains(variable)
                || readable.contains(variable)
                || maps.stream().anyMatch(variable::startsWith)
                || config.contains("${" + variable + ":")
                || config.contains("${" + variable + "}");
        if (!known) {
          unknown.add(module + ": " + variable);
        }
      }
    }
    assertThat(unknown).as("variables no service reads (canonical form: dots to _, no dashes)").isEmpty();
  }

  @Test
  void portsAndServiceAddressesAgreeWithEachServicesPort() throws IOException {
    for (String module : SERVICES.keySet()) {
      Object ports = service(module).get("ports");
      if (ports instanceof List<?> list) {
        for (Object mapping : list) {
          String container = String.valueOf(mapping).replaceAll(".*:", "");
          assertThat(Integer.parseInt(container)).as(module + " port " + mapping).isEqualTo(serverPort(module));
        }
      }
      for (Map.Entry<String, String> variable : environment(module).entrySet()) {
        Matcher url = URL_IN_VALUE.matcher(variable.getValue());
        while (url.find()) {
          String target = url.group(1);
          int port = Integer.parseInt(url.group(2));
          service(target);
          if (SERVICES.containsKey(target)) {
            assertThat(port).as(module + " " + variable.getKey() + " -> " + target).isEqualTo(serverPort(target));
          } else if (target.equals("postgres")) {
            assertThat(port).isEqualTo(5432);
          }
        }
      }
    }
  }

  @Test
  void everyPlatformServiceReachesTheComposeKafkaAndDatabase() {
    String advertised = environment("kafka").get("KAFKA_ADVERTISED_LISTENERS").replace("PLAINTEXT://", "");
    Map<String, String> postgres = environment("postgres");
    for (Map.Entry<String, Boolean> entry : SERVICES.entrySet()) {
      if (!entry.getValue()) {
        continue;
      }
      Map<String, String> env = environment(entry.getKey());
      assertThat(env.get("SPRING_KAFKA_BOOTSTRAPSERVERS")).as(entry.getKey()).isEqualTo(advertised);
      assertThat(env.get("SPRING_R2DBC_URL")).endsWith("postgres:5432/" + postgres.get("POSTGRES_DB"));
      assertThat(env.get("SPRING_FLYWAY_URL")).endsWith("postgres:5432/" + postgres.get("POSTGRES_DB"));
      assertThat(env.get("SPRING_R2DBC_USERNAME")).isEqualTo(postgres.get("POSTGRES_USER"));
      assertThat(env.get("SPRING_FLYWAY_USER")).isEqualTo(postgres.get("POSTGRES_USER"));
      assertThat(env).as(entry.getKey() + " shares the gateway's internal token").containsKey("FEEDLINK_INTERNALTOKEN");
    }
  }

  @Test
  void theCheckCatchesAVariableNoServiceReads() throws IOException {
    // Guard against a check that passes everything: a misspelt variable must be reported.
    String misspelt = "FEEDLINK_GATEWAY_STREAM_SCHEDULER";
    Set<String> readable = new HashSet<>();
    properties.getOrDefault("connection-service", Map.of()).keySet().forEach(p -> readable.add(envForm(p)));
    assertThat(readable).contains("FEEDLINK_GATEWAY_STREAMSCHEDULER").doesNotContain(misspelt);
  }
}
