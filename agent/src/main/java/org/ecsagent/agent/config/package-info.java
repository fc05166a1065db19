/**
 * The agent's configuration: {@link org.ecsagent.agent.config.AgentConfig} and how it is read.
 *
 * <p>Operators configure the agent as they configure the original Amazon ECS agent: with
 * environment variables and with {@code /etc/ecs/ecs.config}, plain {@code KEY=VALUE} lines
 * (blank lines and {@code #} lines ignored; a value in double quotes has them removed; no
 * {@code export}, no escapes). The environment wins over the file, the file over the defaults.
 * {@code ECS_CONFIG_FILE} (ours, not the original's; environment only) names another file, which
 * then must exist; the default file may be absent.
 *
 * <p>Values use the original's syntax: Go durations ({@code 30s}, {@code 1h30m}), Go booleans
 * ({@code true}, {@code false}, {@code 1}, {@code 0}, ...), JSON arrays and objects. A bad value
 * stops the agent with every problem listed, rather than quietly falling back to a default as the
 * original sometimes does.
 */
package org.ecsagent.agent.config;
