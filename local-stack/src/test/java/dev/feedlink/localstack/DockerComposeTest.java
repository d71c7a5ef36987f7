package dev.feedlink.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.feedlink.platform.crypto.SecretCipher;
import dev.feedlink.sandbox.SandboxProviderApplication;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Parameter;
import java.lang.reflect.RecordComponent;
import java.net.URI;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * No Docker engine runs here, so docker-compose.yml is checked against the services' real
 * configuration instead: every service is there and built from its module, every environment
 * variable it sets is a property that service reads, every setting it cannot run without is set,
 * and ports, Kafka and PostgreSQL addresses agree.
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

  /** The package each platform service's code lives in. */
  private static final Map<String, String> PACKAGES =
      Map.of(
          "connection-service", "dev.feedlink.connection",
          "pipeline-worker", "dev.feedlink.pipeline",
          "stream-scheduler", "dev.feedlink.scheduler",
          "webhook-dispatcher", "dev.feedlink.webhook");

  private static final Set<String> JVM_VARIABLES = Set.of("JAVA_TOOL_OPTIONS", "JAVA_OPTS");
  private static final Set<Class<? extends Annotation>> REQUIRING = Set.of(NotNull.class, NotBlank.class, NotEmpty.class);
  /** How the services' settings documentation marks what only development mode may leave unset. */
  private static final String REQUIRED_IN_PRODUCTION = "required outside development mode";
  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z0-9_]+)(?::[^}]*)?}");
  private static final Pattern URL_IN_VALUE = Pattern.compile("(?:https?|r2dbc:postgresql|jdbc:postgresql)://([a-z0-9-]+):(\\d+)");

  private static Path root;
  private static Map<String, Object> compose;
  /** Property name to its type, per module that declares it ("library" for Spring and others). */
  private static final Map<String, Map<String, String>> properties = new HashMap<>();
  /** Every property a Feedlink module declares, with its metadata, per module. */
  private static final Map<String, Map<String, JsonNode>> declared = new HashMap<>();

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
          declared.computeIfAbsent(module, m -> new HashMap<>()).put(property.path("name").asString(), property);
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
          if (target.equals("localhost")) {
            // The host's view (a public address): it must be a port a service publishes.
            assertThat(publishedPorts()).as(module + " " + variable.getKey()).contains(port);
            continue;
          }
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

  private static Set<Integer> publishedPorts() {
    Set<Integer> published = new HashSet<>();
    for (String module : SERVICES.keySet()) {
      if (service(module).get("ports") instanceof List<?> list) {
        list.forEach(mapping -> published.add(Integer.parseInt(String.valueOf(mapping).split(":")[0])));
      }
    }
    return published;
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

  /**
   * The settings a service cannot run without in production, each with the variables that set it:
   * a validated setting with no default (and none in the service's yml), one its documentation
   * says is {@value #REQUIRED_IN_PRODUCTION}, the encryption keys of a service that seals secrets
   * (the platform makes the cipher only for those), and an address whose default is localhost,
   * which in a container is the container itself.
   */
  private static Map<String, Set<String>> required(String module) throws IOException {
    Map<String, Set<String>> required = new TreeMap<>();
    Map<String, String> yml = flatten(new Yaml().load(ownConfig(module)));
    List<String> sources = SERVICES.get(module) ? List.of(module, "platform") : List.of(module);
    for (String source : sources) {
      for (Map.Entry<String, JsonNode> entry : declared.getOrDefault(source, Map.of()).entrySet()) {
        String name = entry.getKey();
        JsonNode property = entry.getValue();
        String ownDefault = yml.get(name);
        boolean noDefault = !property.has("defaultValue") && (ownDefault == null || isEmptyPlaceholder(ownDefault));
        String effective = ownDefault != null && !isEmptyPlaceholder(ownDefault) ? ownDefault : property.path("defaultValue").asString("");
        boolean needed =
            (noDefault && validatedAsRequired(property))
                || (noDefault && property.path("description").asString("").toLowerCase().contains(REQUIRED_IN_PRODUCTION))
                || (property.path("type").asString("").equals("java.net.URI") && effective.matches(".*//(localhost|127\\.0\\.0\\.1)[:/].*"))
                || (name.equals("feedlink.crypto.keys") && sealsSecrets(module));
        if (needed) {
          Set<String> variables = new HashSet<>(Set.of(envForm(name)));
          if (ownDefault != null) {
            Matcher alias = PLACEHOLDER.matcher(ownDefault);
            if (alias.find()) {
              variables.add(alias.group(1));
            }
          }
          required.put(name, variables);
        }
      }
    }
    return required;
  }

  /** The required settings none of whose variables {@code env} sets (a map's entries count for the map). */
  private static List<String> missing(String module, Map<String, String> env) throws IOException {
    List<String> missing = new ArrayList<>();
    for (Map.Entry<String, Set<String>> setting : required(module).entrySet()) {
      boolean set = setting.getValue().stream()
          .anyMatch(variable -> env.containsKey(variable) || env.keySet().stream().anyMatch(k -> k.startsWith(variable + "_")));
      if (!set) {
        missing.add(module + ": " + setting.getKey() + " (" + String.join(" or ", new TreeSet<>(setting.getValue())) + ")");
      }
    }
    return missing;
  }

  private static boolean isEmptyPlaceholder(String value) {
    return value.matches("\\$\\{[A-Za-z0-9_.-]+:}") || value.isEmpty();
  }

  /** Whether the setting's record component carries a constraint that refuses it unset, and no default. */
  private static boolean validatedAsRequired(JsonNode property) {
    String name = property.path("name").asString();
    String component = camelCase(name.substring(name.lastIndexOf('.') + 1));
    try {
      Class<?> source = Class.forName(property.path("sourceType").asString());
      if (!source.isRecord()) {
        return false;
      }
      RecordComponent[] components = source.getRecordComponents();
      // Binding goes through the canonical constructor: its parameters carry the annotations.
      Parameter[] parameters =
          source.getDeclaredConstructor(Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new)).getParameters();
      for (int i = 0; i < components.length; i++) {
        if (components[i].getName().equals(component)) {
          return Arrays.stream(parameters[i].getAnnotations()).anyMatch(a -> REQUIRING.contains(a.annotationType()))
              && parameters[i].getAnnotation(DefaultValue.class) == null;
        }
      }
      return false;
    } catch (ReflectiveOperationException e) {
      return false;
    }
  }

  private static String camelCase(String kebab) {
    StringBuilder out = new StringBuilder();
    boolean upper = false;
    for (char ch : kebab.toCharArray()) {
      if (ch == '-') {
        upper = true;
      } else {
        out.append(upper ? Character.toUpperCase(ch) : ch);
        upper = false;
      }
    }
    return out.toString();
  }

  /** Whether any of the service's classes uses the platform's cipher. */
  private static boolean sealsSecrets(String module) {
    String pkg = PACKAGES.get(module);
    if (pkg == null) {
      return false;
    }
    JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages(pkg);
    return classes.stream().anyMatch(c -> c.getDirectDependenciesFromSelf().stream()
        .anyMatch(d -> d.getTargetClass().isEquivalentTo(SecretCipher.class)));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, String> flatten(Map<String, Object> yml) {
    Map<String, String> flat = new HashMap<>();
    if (yml != null) {
      yml.forEach((key, value) -> {
        if (value instanceof Map<?, ?> nested) {
          flatten((Map<String, Object>) nested).forEach((k, v) -> flat.put(key + "." + k, v));
        } else {
          flat.put(key, value == null ? "" : String.valueOf(value));
        }
      });
    }
    return flat;
  }

  @Test
  void everySettingAServiceCannotRunWithoutIsSet() throws IOException {
    List<String> missing = new ArrayList<>();
    for (String module : SERVICES.keySet()) {
      missing.addAll(missing(module, environment(module)));
    }
    assertThat(missing).as("required settings docker-compose.yml leaves unset").isEmpty();
  }

  @Test
  void theRequiredSettingsAreWhatEachServiceNeeds() throws IOException {
    assertThat(required("connection-service")).containsKeys("feedlink.internal-token", "feedlink.crypto.keys",
        "feedlink.gateway.admin-token", "feedlink.gateway.pipeline-worker");
    assertThat(required("connection-service").get("feedlink.gateway.admin-token")).contains("ADMIN_TOKEN");
    assertThat(required("pipeline-worker")).containsKeys("feedlink.crypto.keys", "feedlink.sandbox.base-url",
        "feedlink.pipeline.public-base-url");
    assertThat(required("webhook-dispatcher")).containsKeys("feedlink.crypto.keys", "feedlink.webhooks.public-base-url");
    assertThat(required("stream-scheduler")).as("it seals nothing").containsKey("feedlink.internal-token")
        .doesNotContainKey("feedlink.crypto.keys");
    assertThat(environment("stream-scheduler")).as("a key it does not need is a key to lose").doesNotContainKey("FEEDLINK_CRYPTO_KEYS_K1");
  }

  @Test
  void theCheckCatchesARequiredSettingLeftOut() throws IOException {
    // Guard against a check that passes everything: leaving out a key or the admin token is reported.
    Map<String, String> pipeline = new LinkedHashMap<>(environment("pipeline-worker"));
    pipeline.remove("FEEDLINK_CRYPTO_KEYS_K1");
    pipeline.remove("FEEDLINK_PIPELINE_PUBLICBASEURL");
    assertThat(missing("pipeline-worker", pipeline))
        .containsExactlyInAnyOrder(
            "pipeline-worker: feedlink.crypto.keys (FEEDLINK_CRYPTO_KEYS)",
            "pipeline-worker: feedlink.pipeline.public-base-url (FEEDLINK_PIPELINE_PUBLICBASEURL)");
    Map<String, String> gateway = new LinkedHashMap<>(environment("connection-service"));
    gateway.remove("ADMIN_TOKEN");
    assertThat(missing("connection-service", gateway))
        .containsExactly("connection-service: feedlink.gateway.admin-token (ADMIN_TOKEN or FEEDLINK_GATEWAY_ADMINTOKEN)");

    ObjectMapper json = new ObjectMapper();
    assertThat(validatedAsRequired(json.readTree("{\"name\": \"sample.target\", \"sourceType\": \"" + Sample.class.getName() + "\"}")))
        .as("validated, no default").isTrue();
    assertThat(validatedAsRequired(json.readTree("{\"name\": \"sample.fallback\", \"sourceType\": \"" + Sample.class.getName() + "\"}")))
        .as("validated, with a default").isFalse();
  }

  /** Settings shaped like the services' own. */
  record Sample(@NotNull URI target, @DefaultValue("http://example.com") @NotNull URI fallback) {}

  @Test
  void providersCallThePipelineBackAndLinksPointAtThePublicGateway() {
    Map<String, String> pipeline = environment("pipeline-worker");
    assertThat(pipeline.get("FEEDLINK_PIPELINE_CALLBACKBASEURL"))
        .as("not localhost: another container calls it, and any instance may take the call")
        .isEqualTo("http://pipeline-worker:8081");
    String publicGateway = pipeline.get("FEEDLINK_PIPELINE_PUBLICBASEURL");
    assertThat(environment("webhook-dispatcher").get("FEEDLINK_WEBHOOKS_PUBLICBASEURL")).isEqualTo(publicGateway);
    assertThat(publicGateway).startsWith("${FEEDLINK_PUBLIC_BASE_URL:-").endsWith("}");
    assertThat(service("connection-service").get("ports")).asList()
        .as("the default public address is the gateway's published port")
        .contains(publicGateway.replaceAll(".*://localhost:(\\d+)}", "$1:$1"));
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
