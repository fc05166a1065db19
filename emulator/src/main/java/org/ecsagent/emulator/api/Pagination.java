package org.ecsagent.emulator.api;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * The List* operations' {@code maxResults}/{@code nextToken} paging. The token is an opaque
 * offset into the (stable, creation-ordered) result list, so pages don't overlap while nothing is
 * added in between, which is all a local control plane needs.
 */
public final class Pagination {
  private static final int MAX_RESULTS = 100;

  private Pagination() {}

  public record Page<T>(List<T> items, String nextToken) {}

  public static <T> Page<T> page(List<T> all, String nextToken, Integer maxResults) {
    int limit = maxResults == null ? MAX_RESULTS : maxResults;
    if (limit < 1 || limit > MAX_RESULTS) {
      throw ApiException.invalidParameter("maxResults must be between 1 and " + MAX_RESULTS + ".");
    }
    int from = nextToken == null || nextToken.isEmpty() ? 0 : offset(nextToken);
    int to = Math.min(all.size(), from + limit);
    List<T> items = from >= all.size() ? List.of() : List.copyOf(all.subList(from, to));
    return new Page<>(items, to < all.size() ? token(to) : null);
  }

  private static int offset(String token) {
    try {
      String decoded = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
      if (decoded.startsWith("offset:")) {
        int offset = Integer.parseInt(decoded.substring("offset:".length()));
        if (offset >= 0) {
          return offset;
        }
      }
    } catch (IllegalArgumentException e) {
      // fall through: not one of ours
    }
    throw ApiException.invalidParameter("The nextToken is not valid.");
  }

  private static String token(int offset) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(("offset:" + offset).getBytes(StandardCharsets.UTF_8));
  }
}
