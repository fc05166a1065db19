package org.ecsagent.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.ecsagent.credentials.FakeSources.CREDENTIALS;
import static org.ecsagent.credentials.FakeSources.CREDENTIALS_ID;

import org.ecsagent.metadata.server.EndpointServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;

/**
 * The real client: AWS SDK for Java v2's container credentials provider, pointed at our server
 * through the full-URI setting (the SDK accepts plain http on a loopback host there).
 */
class SdkContainerCredentialsTest {
  private static final String FULL_URI_PROPERTY = "aws.containerCredentialsFullUri";

  private EndpointServer server;

  @BeforeEach
  void start() {
    // The relative URI, if this machine has one, would win over the full URI.
    assumeThat(System.getenv("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI")).isNull();
    assumeThat(System.getProperty("aws.containerCredentialsPath")).isNull();
    server = EndpointServer.builder().routes(new CredentialsRoutes(FakeSources.CREDENTIALS_SOURCE)).build().start();
  }

  @AfterEach
  void stop() {
    System.clearProperty(FULL_URI_PROPERTY);
    if (server != null) {
      server.close();
    }
  }

  @Test
  void sdkResolvesTheTasksRoleCredentials() {
    System.setProperty(FULL_URI_PROPERTY, "http://127.0.0.1:" + server.port() + "/v2/credentials/" + CREDENTIALS_ID);

    try (ContainerCredentialsProvider provider = ContainerCredentialsProvider.builder().build()) {
      AwsCredentials resolved = provider.resolveCredentials();

      assertThat(resolved.accessKeyId()).isEqualTo(CREDENTIALS.accessKeyId());
      assertThat(resolved.secretAccessKey()).isEqualTo(CREDENTIALS.secretAccessKey());
      assertThat(resolved).isInstanceOfSatisfying(AwsSessionCredentials.class,
          session -> assertThat(session.sessionToken()).isEqualTo(CREDENTIALS.sessionToken()));
    }
  }
}
