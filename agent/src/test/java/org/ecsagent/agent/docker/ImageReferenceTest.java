package org.ecsagent.agent.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ImageReferenceTest {
  @Test
  void splitsRepositoryAndTag() {
    assertThat(ImageReference.parse("busybox")).isEqualTo(new ImageReference("busybox", "latest"));
    assertThat(ImageReference.parse("local/busybox:1")).isEqualTo(new ImageReference("local/busybox", "1"));
    assertThat(ImageReference.parse("127.0.0.1:5000/team/app")).isEqualTo(new ImageReference("127.0.0.1:5000/team/app", "latest"));
    assertThat(ImageReference.parse("127.0.0.1:5000/app:2")).isEqualTo(new ImageReference("127.0.0.1:5000/app", "2"));
    assertThat(ImageReference.parse("app@sha256:abc")).isEqualTo(new ImageReference("app@sha256:abc", null));
  }

  @Test
  void emptyReferenceIsAnError() {
    assertThatThrownBy(() -> ImageReference.parse(" ")).isInstanceOf(IllegalArgumentException.class);
  }
}
