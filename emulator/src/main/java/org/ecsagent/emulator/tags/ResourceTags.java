package org.ecsagent.emulator.tags;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.ecsagent.emulator.api.ApiException;

/**
 * The tags of every taggable resource (clusters, task definitions, tasks, services, container
 * instances), by resource ARN. Tagging a key again replaces its value. State-thread only.
 */
public final class ResourceTags {
  private static final int MAX_TAGS = 50;
  private static final Pattern KEY = Pattern.compile("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]{1,128}");
  private static final Pattern VALUE = Pattern.compile("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]{0,256}");

  private final Map<String, LinkedHashMap<String, String>> byArn = new HashMap<>();

  /** Refuses tags ECS would refuse, before anything is created with them. */
  public static void check(Collection<Tag> tags) {
    if (tags == null) {
      return;
    }
    tags.forEach(ResourceTags::validate);
    if (tags.size() > MAX_TAGS) {
      throw ApiException.invalidParameter("A resource can have at most " + MAX_TAGS + " tags.");
    }
  }

  /** Adds the tags to the resource; checks them first, as ECS does, so a bad request changes nothing. */
  public void tag(String arn, Collection<Tag> tags) {
    if (tags == null || tags.isEmpty()) {
      return;
    }
    LinkedHashMap<String, String> merged = new LinkedHashMap<>(byArn.getOrDefault(arn, new LinkedHashMap<>()));
    for (Tag tag : tags) {
      validate(tag);
      merged.put(tag.key(), tag.value() == null ? "" : tag.value());
    }
    if (merged.size() > MAX_TAGS) {
      throw ApiException.invalidParameter("A resource can have at most " + MAX_TAGS + " tags.");
    }
    byArn.put(arn, merged);
  }

  public void untag(String arn, Collection<String> keys) {
    LinkedHashMap<String, String> tags = byArn.get(arn);
    if (tags != null && keys != null) {
      keys.forEach(tags::remove);
    }
  }

  /** The resource's tags, in the order they were first set; empty if none. */
  public List<Tag> of(String arn) {
    return byArn.getOrDefault(arn, new LinkedHashMap<>()).entrySet().stream()
        .map(e -> new Tag(e.getKey(), e.getValue())).toList();
  }

  /** The tags for a description: only when the caller asked for them with {@code include: ["TAGS"]}. */
  public List<Tag> ifIncluded(String arn, List<String> include) {
    return include != null && include.contains("TAGS") ? of(arn) : null;
  }

  private static void validate(Tag tag) {
    if (tag == null || tag.key() == null || !KEY.matcher(tag.key()).matches()) {
      throw ApiException.invalidParameter("Tag keys must be 1 to 128 letters, numbers, spaces or _.:/=+-@.");
    }
    if (tag.key().toLowerCase(java.util.Locale.ROOT).startsWith("aws:")) {
      throw ApiException.invalidParameter("Tag keys may not start with the reserved prefix aws:.");
    }
    if (tag.value() != null && !VALUE.matcher(tag.value()).matches()) {
      throw ApiException.invalidParameter("Tag values must be at most 256 letters, numbers, spaces or _.:/=+-@.");
    }
  }
}
