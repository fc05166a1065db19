package org.ecsagent.credentials;

import java.util.Map;
import java.util.Optional;
import org.ecsagent.metadata.ContainerMetadata;
import org.ecsagent.metadata.TaskMetadata;
import org.ecsagent.metadata.TaskMetadataSource;

/** In-memory sources for one task with one container and its role credentials. */
final class FakeSources {
  static final String CREDENTIALS_ID = "5b1c6a8e-2d4f-4e9a-8b7c-0f1e2d3c4b5a";
  static final String ENDPOINT_ID = "8c6b5b1e-3f4a-4b8e-9d2c-1a2b3c4d5e6f";
  static final RoleCredentials CREDENTIALS = new RoleCredentials(
      "arn:aws:iam::123456789012:role/app",
      "ASIAEXAMPLEKEY",
      "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
      "IQoJb3JpZ2luX2VjEXAMPLETOKEN",
      "2099-01-01T00:00:00Z");
  static final ContainerMetadata CONTAINER =
      ContainerMetadata.builder().dockerId("cd189a933e58").name("app").knownStatus("RUNNING").build();
  static final TaskMetadata TASK = TaskMetadata.builder()
      .cluster("default").taskArn("arn:aws:ecs:us-east-1:123456789012:task/default/abc").build();

  static final CredentialsSource CREDENTIALS_SOURCE =
      id -> Optional.ofNullable(Map.of(CREDENTIALS_ID, CREDENTIALS).get(id));

  static final TaskMetadataSource METADATA_SOURCE = new TaskMetadataSource() {
    @Override
    public Optional<ContainerMetadata> container(String endpointId) {
      return ENDPOINT_ID.equals(endpointId) ? Optional.of(CONTAINER) : Optional.empty();
    }

    @Override
    public Optional<TaskMetadata> task(String endpointId) {
      return ENDPOINT_ID.equals(endpointId) ? Optional.of(TASK) : Optional.empty();
    }
  };

  private FakeSources() {}
}
