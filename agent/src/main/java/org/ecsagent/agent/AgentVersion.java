package org.ecsagent.agent;

/** This build's version, from the jar manifest (Implementation-Version), for registration and introspection. */
public final class AgentVersion {
  private AgentVersion() {}

  public static String version() {
    String v = AgentVersion.class.getPackage().getImplementationVersion();
    return v == null ? "0.1.0-dev" : v;
  }

  /** The original reports a git hash; we report the version until builds stamp one. */
  public static String hash() {
    return version();
  }
}
