package org.ecsagent.emulator.query;

import java.util.List;

/**
 * What a cluster query is evaluated against: the values of each subject for one container
 * instance ({@code attribute:<name>}, {@code ec2InstanceId}, {@code task:group}, ...). An absent
 * subject has no values; {@code task:group} may have several.
 */
@FunctionalInterface
public interface Subjects {
  List<String> values(String subject);
}
