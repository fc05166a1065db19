package org.ecsagent.agent.docker;

/**
 * An image reference split the way the pull API wants it: repository, and tag or digest.
 * {@code registry:5000/team/app:1.2} → ({@code registry:5000/team/app}, {@code 1.2});
 * {@code app@sha256:..} → ({@code app@sha256:..}, null); {@code app} → ({@code app}, {@code latest}).
 */
public record ImageReference(String repository, String tag) {

  public static ImageReference parse(String image) {
    if (image == null || image.isBlank()) {
      throw new IllegalArgumentException("image reference is empty");
    }
    if (image.contains("@")) {
      return new ImageReference(image, null);
    }
    int slash = image.lastIndexOf('/');
    int colon = image.lastIndexOf(':');
    if (colon > slash) { // a colon after the last slash is a tag, not a registry port
      return new ImageReference(image.substring(0, colon), image.substring(colon + 1));
    }
    return new ImageReference(image, "latest");
  }
}
