package org.ecsagent.agent.config;

import java.util.Map;
import java.util.Optional;

/**
 * Registry credentials for image pulls from {@code ECS_ENGINE_AUTH_TYPE} and
 * {@code ECS_ENGINE_AUTH_DATA}, keyed by registry host ({@code host[:port]}; Docker Hub is
 * {@code index.docker.io}). Passwords never appear in {@link #toString()} or in config errors.
 */
public record EngineAuth(String type, Map<String, RegistryCredentials> byRegistry) {
  public static final EngineAuth NONE = new EngineAuth("", Map.of());
  static final String DOCKER_HUB = "index.docker.io";

  public EngineAuth {
    byRegistry = Map.copyOf(byRegistry);
  }

  public record RegistryCredentials(String username, String password) {
    @Override
    public String toString() {
      return "RegistryCredentials[username=" + username + "]";
    }
  }

  /** Credentials for the registry an image reference points at, if configured. */
  public Optional<RegistryCredentials> forImage(String image) {
    return Optional.ofNullable(byRegistry.get(registryOf(image)));
  }

  /** {@code 127.0.0.1:5000/team/app:1} → {@code 127.0.0.1:5000}; {@code busybox} → Docker Hub. */
  public static String registryOf(String image) {
    int slash = image.indexOf('/');
    if (slash > 0) {
      String first = image.substring(0, slash);
      if (first.contains(".") || first.contains(":") || first.equals("localhost")) {
        return normalize(first);
      }
    }
    return DOCKER_HUB;
  }

  /** Registry keys as operators write them ({@code https://index.docker.io/v1/}) → host[:port]. */
  static String normalize(String registry) {
    String host = registry.replaceFirst("^[a-zA-Z]+://", "");
    int slash = host.indexOf('/');
    if (slash >= 0) {
      host = host.substring(0, slash);
    }
    return host.equals("docker.io") || host.equals("registry-1.docker.io") ? DOCKER_HUB : host.toLowerCase();
  }

  @Override
  public String toString() {
    return "EngineAuth[type=" + type + ", registries=" + byRegistry.keySet() + "]";
  }
}
