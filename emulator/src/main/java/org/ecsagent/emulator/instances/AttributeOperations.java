package org.ecsagent.emulator.instances;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.ecsagent.emulator.api.ApiException;
import org.ecsagent.emulator.api.CallContext;
import org.ecsagent.emulator.api.ErrorShape;
import org.ecsagent.emulator.api.OperationTable;
import org.ecsagent.emulator.api.Pagination;
import org.ecsagent.emulator.clusters.ClusterState;
import org.ecsagent.emulator.clusters.Clusters;

/**
 * PutAttributes, DeleteAttributes and ListAttributes: custom attributes on container instances
 * (the only target type ECS has), which placement constraints and filters can then ask about.
 */
public final class AttributeOperations {
  private static final String TARGET_TYPE = "container-instance";
  private static final int MAX_CUSTOM_ATTRIBUTES = 10;
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_./\\\\-]{1,128}");
  private static final Pattern VALUE = Pattern.compile("[A-Za-z0-9_./\\\\@: -]{1,128}");

  private final Clusters clusters;
  private final ContainerInstances instances;

  public AttributeOperations(Clusters clusters, ContainerInstances instances) {
    this.clusters = clusters;
    this.instances = instances;
  }

  public void registerWith(OperationTable table) {
    table.register("PutAttributes", AttributesRequest.class, this::put)
        .register("DeleteAttributes", AttributesRequest.class, this::delete)
        .register("ListAttributes", ListAttributesRequest.class, this::list);
  }

  public record AttributesRequest(String cluster, List<Attribute> attributes) {}

  public record AttributesResponse(List<Attribute> attributes) {}

  public record ListAttributesRequest(String cluster, String targetType, String attributeName, String attributeValue,
      String nextToken, Integer maxResults) {}

  public record ListAttributesResponse(List<Attribute> attributes, String nextToken) {}

  /** All or nothing: every attribute is checked before any is put. */
  AttributesResponse put(AttributesRequest request, CallContext context) {
    ClusterState cluster = clusters.require(request.cluster());
    List<Attribute> attributes = required(request.attributes());
    List<ContainerInstanceState> targets = new ArrayList<>();
    for (Attribute attribute : attributes) {
      if (attribute.name() == null || !NAME.matcher(attribute.name()).matches()) {
        throw ApiException.invalidParameter("Attribute names must be 1 to 128 letters, numbers, hyphens, "
            + "underscores, periods or slashes: " + attribute.name() + ".");
      }
      if (attribute.value() != null && (!VALUE.matcher(attribute.value()).matches()
          || attribute.value().startsWith(" ") || attribute.value().endsWith(" "))) {
        throw ApiException.invalidParameter("Attribute values must be 1 to 128 letters, numbers, hyphens, "
            + "underscores, periods, at signs, slashes, colons or spaces: " + attribute.value() + ".");
      }
      targets.add(target(cluster, attribute));
    }
    for (ContainerInstanceState target : targets.stream().distinct().toList()) {
      long added = attributes.stream().filter(a -> target.arn().equals(target(cluster, a).arn()))
          .map(Attribute::name).distinct().filter(n -> !target.hasCustomAttribute(n)).count();
      if (target.customAttributeCount() + added > MAX_CUSTOM_ATTRIBUTES) {
        throw new ApiException(ErrorShape.ATTRIBUTE_LIMIT_EXCEEDED,
            "You can apply up to " + MAX_CUSTOM_ATTRIBUTES + " custom attributes per resource.");
      }
    }
    for (int i = 0; i < attributes.size(); i++) {
      targets.get(i).putAttribute(attributes.get(i));
    }
    return new AttributesResponse(attributes.stream().map(a -> targeted(a, target(cluster, a))).toList());
  }

  AttributesResponse delete(AttributesRequest request, CallContext context) {
    ClusterState cluster = clusters.require(request.cluster());
    List<Attribute> deleted = new ArrayList<>();
    for (Attribute attribute : required(request.attributes())) {
      ContainerInstanceState target = target(cluster, attribute);
      if (target.deleteAttribute(attribute.name())) {
        deleted.add(targeted(attribute, target));
      }
    }
    return new AttributesResponse(deleted);
  }

  /** Every attribute of the cluster's instances (the agent's and custom ones), optionally by name and value. */
  ListAttributesResponse list(ListAttributesRequest request, CallContext context) {
    ClusterState cluster = clusters.require(request.cluster());
    if (!TARGET_TYPE.equals(request.targetType())) {
      throw ApiException.invalidParameter("targetType must be " + TARGET_TYPE + ".");
    }
    if (request.attributeValue() != null && request.attributeName() == null) {
      throw ApiException.invalidParameter("attributeValue requires attributeName.");
    }
    List<Attribute> all = instances.inCluster(cluster.arn()).stream()
        .filter(ContainerInstanceState::isRegistered)
        .flatMap(i -> i.attributes().stream().map(a -> targeted(a, i)))
        .filter(a -> request.attributeName() == null || request.attributeName().equals(a.name()))
        .filter(a -> request.attributeValue() == null || request.attributeValue().equals(a.value()))
        .toList();
    Pagination.Page<Attribute> page = Pagination.page(all, request.nextToken(), request.maxResults());
    return new ListAttributesResponse(page.items(), page.nextToken());
  }

  private ContainerInstanceState target(ClusterState cluster, Attribute attribute) {
    if (attribute.targetType() != null && !TARGET_TYPE.equals(attribute.targetType())) {
      throw ApiException.invalidParameter("targetType must be " + TARGET_TYPE + ".");
    }
    if (attribute.targetId() == null || attribute.targetId().isBlank()) {
      throw ApiException.invalidParameter("Attribute " + attribute.name()
          + " needs a targetId: the container instance ARN or id.");
    }
    return instances.find(attribute.targetId())
        .filter(i -> i.clusterArn().equals(cluster.arn()) && i.isRegistered())
        .orElseThrow(() -> new ApiException(ErrorShape.TARGET_NOT_FOUND,
            "Could not find " + attribute.targetId() + ". Check that it exists in the specified cluster."));
  }

  private static List<Attribute> required(List<Attribute> attributes) {
    if (attributes == null || attributes.isEmpty()) {
      throw ApiException.invalidParameter("attributes can not be empty.");
    }
    return attributes;
  }

  private static Attribute targeted(Attribute attribute, ContainerInstanceState instance) {
    return new Attribute(attribute.name(), attribute.value(), TARGET_TYPE, instance.arn());
  }
}
