package org.ecsagent.agent.acs;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * SigV4-signs the websocket upgrade request (service {@code ecs}) the way the original agent
 * does: sign a GET of the http(s) form of the URL, then send the signed headers with the upgrade.
 */
final class RequestSigner {
  private final AwsCredentialsProvider credentials;
  private final String region;
  private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();

  RequestSigner(AwsCredentialsProvider credentials, String region) {
    this.credentials = credentials;
    this.region = region;
  }

  /** Headers to add to the upgrade request (Authorization, X-Amz-Date, X-Amz-Security-Token); never logged. */
  Map<String, String> signedHeaders(URI websocketUri) {
    URI httpUri = URI.create(websocketUri.toString().replaceFirst("^ws", "http"));
    SdkHttpRequest request = SdkHttpRequest.builder().method(SdkHttpMethod.GET).uri(httpUri).build();
    AwsCredentialsIdentity identity = credentials.resolveIdentity().join();
    SignedRequest signed = signer.sign(r -> r
        .identity(identity)
        .request(request)
        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "ecs")
        .putProperty(AwsV4HttpSigner.REGION_NAME, region));
    Map<String, String> headers = new LinkedHashMap<>();
    for (Map.Entry<String, List<String>> h : signed.request().headers().entrySet()) {
      if (!h.getKey().equalsIgnoreCase("Host")) { // Netty sets Host from the same URI
        headers.put(h.getKey(), String.join(",", h.getValue()));
      }
    }
    return headers;
  }
}
