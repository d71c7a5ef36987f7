package dev.feedlink.platform.web;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.annotation.CookieValue;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.DeserializationConfig;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.PropertyNamingStrategy;
import tools.jackson.databind.introspect.BeanPropertyDefinition;
import tools.jackson.databind.introspect.ClassIntrospector;
import tools.jackson.databind.json.JsonMapper;

/**
 * Names an input as the client wrote it, not as Java calls it: a body field by its JSON name (as
 * the service's own JSON mapper reads it: {@code @JsonProperty}, {@code @JsonNaming} or a
 * naming strategy such as snake_case), a query parameter, header or cookie by the name it is bound
 * from.
 */
final class ClientNames {

  private final JsonMapper json;
  /** Java property name to JSON name, and the property's type, per body class. */
  private final Map<JavaType, Map<String, Property>> properties = new ConcurrentHashMap<>();

  private record Property(String name, JavaType type) {}

  ClientNames(JsonMapper json) {
    this.json = json;
  }

  /**
   * A bean validation path ({@code providerId}, {@code credentials.password}, {@code scopes[0]},
   * {@code accounts[2].accountNumber}) as JSON names, following the body's nested types.
   */
  String ofBodyField(Class<?> body, String javaPath) {
    StringBuilder out = new StringBuilder();
    JavaType current = body == null ? null : json.constructType(body);
    for (String segment : javaPath.split("\\.")) {
      int bracket = segment.indexOf('[');
      String name = bracket < 0 ? segment : segment.substring(0, bracket);
      String index = bracket < 0 ? "" : segment.substring(bracket);
      Property property = current == null ? null : propertiesOf(current).get(name);
      if (!out.isEmpty()) {
        out.append('.');
      }
      out.append(property == null ? name : property.name()).append(index);
      current = property == null ? null : elementsOf(property.type(), index);
    }
    return out.toString();
  }

  /**
   * The name a failed parameter is bound from. A path variable is never written by the client under
   * any name, so one without an explicit name is named the way the service names its JSON fields.
   */
  String ofParameter(MethodParameter parameter) {
    PathVariable path = parameter.getParameterAnnotation(PathVariable.class);
    if (path != null) {
      String explicit = explicit(path.name(), path.value());
      return explicit != null ? explicit : jsonName(parameter.getParameterName());
    }
    RequestParam query = parameter.getParameterAnnotation(RequestParam.class);
    if (query != null && explicit(query.name(), query.value()) != null) {
      return explicit(query.name(), query.value());
    }
    RequestHeader header = parameter.getParameterAnnotation(RequestHeader.class);
    if (header != null && explicit(header.name(), header.value()) != null) {
      return explicit(header.name(), header.value());
    }
    CookieValue cookie = parameter.getParameterAnnotation(CookieValue.class);
    if (cookie != null && explicit(cookie.name(), cookie.value()) != null) {
      return explicit(cookie.name(), cookie.value());
    }
    // Bound by the Java name itself: that is what the client wrote.
    return parameter.getParameterName();
  }

  private String jsonName(String javaName) {
    if (javaName == null) {
      return null;
    }
    DeserializationConfig config = json.deserializationConfig();
    PropertyNamingStrategy naming = config.getPropertyNamingStrategy();
    return naming == null ? javaName : naming.nameForField(config, null, javaName);
  }

  private static String explicit(String name, String value) {
    if (!name.isEmpty()) {
      return name;
    }
    return value.isEmpty() ? null : value;
  }

  private Map<String, Property> propertiesOf(JavaType type) {
    return properties.computeIfAbsent(type, t -> {
      Map<String, Property> byJavaName = new HashMap<>();
      if (t.isContainerType() || t.isPrimitive() || t.getRawClass().getName().startsWith("java.")) {
        return byJavaName;
      }
      DeserializationConfig config = json.deserializationConfig();
      ClassIntrospector introspector = config.classIntrospectorInstance().forOperation(config);
      BeanDescription description = introspector.introspectForDeserialization(t, introspector.introspectClassAnnotations(t));
      for (BeanPropertyDefinition property : description.findProperties()) {
        byJavaName.put(property.getInternalName(), new Property(property.getName(), property.getPrimaryType()));
      }
      return byJavaName;
    });
  }

  /** The type a path continues into: the elements of a list, array or map when indexed. */
  private static JavaType elementsOf(JavaType type, String index) {
    JavaType current = type;
    for (int i = 0; i < index.length(); i++) {
      if (index.charAt(i) == '[' && current != null) {
        current = current.getContentType();
      }
    }
    return current;
  }
}
