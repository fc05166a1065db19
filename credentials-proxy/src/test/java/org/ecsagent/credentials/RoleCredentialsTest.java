package org.ecsagent.credentials;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RoleCredentialsTest {

  @Test
  void toStringNeverShowsTheSecretKeyOrToken() {
    RoleCredentials credentials = new RoleCredentials(
        "arn:aws:iam::123456789012:role/app", "ASIAEXAMPLEKEY", "s3cr3t/KEY+value", "t0ken-VALUE", "2099-01-01T00:00:00Z");

    assertThat(credentials.toString())
        .contains("ASIAEXAMPLEKEY", "arn:aws:iam::123456789012:role/app", "2099-01-01T00:00:00Z")
        .doesNotContain("s3cr3t/KEY+value", "t0ken-VALUE");
  }
}
