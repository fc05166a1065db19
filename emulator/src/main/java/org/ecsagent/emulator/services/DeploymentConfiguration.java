package org.ecsagent.emulator.services;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The {@code DeploymentConfiguration} shape: how far a rolling deployment may go above and below
 * the desired count, and the deployment circuit breaker.
 */
public record DeploymentConfiguration(DeploymentCircuitBreaker deploymentCircuitBreaker, Integer maximumPercent,
    Integer minimumHealthyPercent, JsonNode alarms) {
  static final int DEFAULT_MAXIMUM_PERCENT = 200;
  static final int DEFAULT_MINIMUM_HEALTHY_PERCENT = 100;

  /** The {@code DeploymentCircuitBreaker} shape. */
  public record DeploymentCircuitBreaker(Boolean enable, Boolean rollback) {}

  static final DeploymentConfiguration DEFAULT = new DeploymentConfiguration(
      new DeploymentCircuitBreaker(false, false), DEFAULT_MAXIMUM_PERCENT, DEFAULT_MINIMUM_HEALTHY_PERCENT, null);

  /** This configuration with what {@code update} sets replacing it, the rest as before. */
  DeploymentConfiguration with(DeploymentConfiguration update) {
    if (update == null) {
      return this;
    }
    return new DeploymentConfiguration(
        update.deploymentCircuitBreaker() != null ? update.deploymentCircuitBreaker() : deploymentCircuitBreaker,
        update.maximumPercent() != null ? update.maximumPercent() : maximumPercent,
        update.minimumHealthyPercent() != null ? update.minimumHealthyPercent() : minimumHealthyPercent,
        update.alarms() != null ? update.alarms() : alarms);
  }

  boolean circuitBreakerEnabled() {
    return deploymentCircuitBreaker != null && Boolean.TRUE.equals(deploymentCircuitBreaker.enable());
  }

  boolean rollbackEnabled() {
    return circuitBreakerEnabled() && Boolean.TRUE.equals(deploymentCircuitBreaker.rollback());
  }
}
