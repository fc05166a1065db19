#!/bin/sh
# %preun ($1: 0 = erase, 1 = upgrade). On erase: stop the agent (its ExecStopPost= removes the
# netfilter rules it added) and disable it.
if [ "$1" -eq 0 ]; then
  if [ -d /run/systemd/system ]; then
    systemctl stop ecs.service >/dev/null 2>&1 || :
  fi
  if command -v systemctl >/dev/null 2>&1; then
    systemctl --no-reload disable ecs.service >/dev/null 2>&1 || :
  fi
fi
exit 0
