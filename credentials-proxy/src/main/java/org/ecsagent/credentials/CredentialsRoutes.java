package org.ecsagent.credentials;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;
import java.util.Optional;
import org.ecsagent.metadata.server.Request;
import org.ecsagent.metadata.server.Response;
import org.ecsagent.metadata.server.Router;
import org.ecsagent.metadata.server.Routes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The task IAM role credentials endpoint, served on the task metadata server:
 * {@code GET /v2/credentials/<id>} (what containers are told to use) and the older
 * {@code GET /v1/credentials?id=<id>}.
 *
 * <p>A found ID answers 200 with exactly the body the AWS SDKs' container credentials providers
 * parse: {@code {"RoleArn","AccessKeyId","SecretAccessKey","Token","Expiration"}}. Errors are the
 * original's {@code {"code","message"}} bodies, their messages prefixed with
 * {@code CredentialsV1Request: } or {@code CredentialsV2Request: }: 400 {@code NoIdInRequest}
 * without an ID, 400 {@code InvalidIdInRequest} for an unknown one.
 *
 * <p>Secrets are never logged; a request is logged at debug with the first characters of its ID.
 */
public final class CredentialsRoutes implements Routes {
  private static final Logger log = LoggerFactory.getLogger(CredentialsRoutes.class);

  static final String NO_ID = "NoIdInRequest";
  static final String INVALID_ID = "InvalidIdInRequest";
  private static final String CREDENTIALS_ID = "credentialsId";
  private static final int LOGGED_ID_CHARS = 8;

  private final CredentialsSource source;

  public CredentialsRoutes(CredentialsSource source) {
    this.source = Objects.requireNonNull(source);
  }

  @Override
  public void register(Router router) {
    router.get("/v1/credentials", request -> answer(1, request.queryParameter("id").orElse("")));
    // Without the trailing segment the original answers 404; "no ID" says more.
    router.get("/v2/credentials", request -> answer(2, ""));
    router.get("/v2/credentials/{" + CREDENTIALS_ID + "}", request -> answer(2, credentialsId(request)));
  }

  /** A request with a credentials ID spends its task's allowance; without one, the shared one. */
  @Override
  public Optional<String> rateLimitKey(Request request) {
    String credentialsId = request.pathParameters().containsKey(CREDENTIALS_ID)
        ? credentialsId(request)
        : request.queryParameter("id").orElse("");
    return credentialsId.isEmpty() ? Optional.empty() : source.taskArn(credentialsId);
  }

  private static String credentialsId(Request request) {
    return request.pathParameter(CREDENTIALS_ID);
  }

  private Response answer(int version, String credentialsId) {
    Response response = respond(version, credentialsId);
    log.debug("credentials v{} request for ID {} -> {}", version, idPrefix(credentialsId), response.status());
    return response;
  }

  private Response respond(int version, String credentialsId) {
    String errorPrefix = "CredentialsV" + version + "Request: ";
    if (credentialsId.isEmpty()) {
      return Response.error(400, NO_ID, errorPrefix + "No Credential ID in the request");
    }
    return source.credentials(credentialsId)
        .map(credentials -> Response.ok(CredentialsBody.of(credentials)))
        .orElseGet(() -> Response.error(400, INVALID_ID, errorPrefix + "Credentials not found"));
  }

  /** Enough of the ID to correlate log lines, too little to use it. */
  private static String idPrefix(String credentialsId) {
    if (credentialsId.isEmpty()) {
      return "(none)";
    }
    return credentialsId.length() <= LOGGED_ID_CHARS
        ? "(short)"
        : credentialsId.substring(0, LOGGED_ID_CHARS) + "…";
  }

  /** The wire shape; the AWS SDKs read these exact names. */
  private record CredentialsBody(
      @JsonProperty("RoleArn") String roleArn,
      @JsonProperty("AccessKeyId") String accessKeyId,
      @JsonProperty("SecretAccessKey") String secretAccessKey,
      @JsonProperty("Token") String token,
      @JsonProperty("Expiration") String expiration) {

    static CredentialsBody of(RoleCredentials credentials) {
      return new CredentialsBody(credentials.roleArn(), credentials.accessKeyId(),
          credentials.secretAccessKey(), credentials.sessionToken(), credentials.expiration());
    }

    @Override
    public String toString() {
      return "CredentialsBody[roleArn=" + roleArn + ", accessKeyId=" + accessKeyId + ", ...]";
    }
  }
}
