#!/bin/sh
# %postun ($1: 0 = erase, 1 = upgrade). Erase keeps the state (/var/lib/ecs) and logs
# (/var/log/ecs); a changed /etc/ecs/ecs.config is kept as ecs.config.rpmsave. RPM has no purge:
# `rm -rf /var/lib/ecs /var/log/ecs /etc/ecs` after `rpm -e` removes them.
if [ -d /run/systemd/system ]; then
  systemctl daemon-reload >/dev/null 2>&1 || :
  if [ "$1" -ge 1 ]; then
    systemctl try-restart ecs.service >/dev/null 2>&1 || :
  fi
fi
exit 0
