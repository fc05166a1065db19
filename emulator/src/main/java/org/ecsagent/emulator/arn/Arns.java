package org.ecsagent.emulator.arn;

/**
 * Builds and reads the ARNs the emulator hands out, in the formats real ECS uses (the "long" ARN
 * format that carries the cluster name), all in one fixed account.
 *
 * <pre>
 *   arn:aws:ecs:us-east-1:123456789012:cluster/default
 *   arn:aws:ecs:us-east-1:123456789012:task/default/0123456789abcdef0123456789abcdef
 * </pre>
 */
public final class Arns {
  public static final String ACCOUNT_ID = "123456789012";

  private final String region;
  private final String prefix;

  public Arns(String region) {
    this.region = region;
    this.prefix = "arn:aws:ecs:" + region + ":" + ACCOUNT_ID + ":";
  }

  public String region() {
    return region;
  }

  public String cluster(String name) {
    return prefix + "cluster/" + name;
  }

  public String containerInstance(String cluster, String id) {
    return prefix + "container-instance/" + cluster + "/" + id;
  }

  public String task(String cluster, String id) {
    return prefix + "task/" + cluster + "/" + id;
  }

  public String taskDefinition(String family, int revision) {
    return prefix + "task-definition/" + family + ":" + revision;
  }

  public String container(String cluster, String taskId, String uuid) {
    return prefix + "container/" + cluster + "/" + taskId + "/" + uuid;
  }

  public String service(String cluster, String name) {
    return prefix + "service/" + cluster + "/" + name;
  }

  /** The resource type of an ECS ARN ({@code cluster}, {@code task}, {@code service}, ...), or empty if not one. */
  public static String resourceType(String arn) {
    String[] parts = arn.split(":", 6);
    if (!isArn(arn) || parts.length < 6 || parts[5].indexOf('/') < 0) {
      return "";
    }
    return parts[5].substring(0, parts[5].indexOf('/'));
  }

  public static boolean isArn(String value) {
    return value.startsWith("arn:");
  }

  /** A cluster name from either a name or a cluster ARN. */
  public static String clusterName(String nameOrArn) {
    if (!isArn(nameOrArn)) {
      return nameOrArn;
    }
    int slash = nameOrArn.indexOf("cluster/");
    return slash < 0 ? nameOrArn : nameOrArn.substring(slash + "cluster/".length());
  }

  /**
   * The id of a task or container instance given as ARN or bare id: the last path segment, which
   * is the same in the long and the old short ARN format.
   */
  public static String resourceId(String arnOrId) {
    return arnOrId.substring(arnOrId.lastIndexOf('/') + 1);
  }

  /** The part after {@code task-definition/} of a task definition ARN, or the input as is. */
  public static String taskDefinitionReference(String familyRevisionOrArn) {
    if (!isArn(familyRevisionOrArn)) {
      return familyRevisionOrArn;
    }
    int at = familyRevisionOrArn.indexOf("task-definition/");
    return at < 0 ? familyRevisionOrArn : familyRevisionOrArn.substring(at + "task-definition/".length());
  }
}
