#!/bin/sh
# %post ($1: 1 = install, 2 = upgrade). Enables ecs.service on install but does not start it: the
# agent would register before the operator set ECS_CLUSTER (or while an AMI is being baked).
# `systemctl enable` works without a running systemd (containers, image builds).
install -d -m 0755 /var/lib/ecs
install -d -m 0700 /var/lib/ecs/data
install -d -m 0750 /var/log/ecs
if [ "$1" -eq 1 ] && command -v systemctl >/dev/null 2>&1; then
  systemctl enable ecs.service >/dev/null 2>&1 || :
fi
if [ -d /run/systemd/system ]; then
  systemctl daemon-reload >/dev/null 2>&1 || :
fi
exit 0
