#!/bin/bash
# Prepares a running instance to be imaged as an ECS AMI: installs ecs-agent-java, enables
# ecs.service, and removes what ties the image to this instance, so that every instance launched
# from the AMI registers as itself:
#   - the agent's saved state (ECS_DATADIR, default /var/lib/ecs/data): it holds the container
#     instance ARN, and an agent that finds one re-registers as that instance, so a copied state
#     file makes every new instance claim the builder's identity;
#   - the agent's logs (/var/log/ecs) and the journal (when journald runs);
#   - cloud-init's record of this instance (`cloud-init clean --logs`), so user data runs again;
#   - /etc/machine-id (emptied; systemd makes a new one at first boot), unless --keep-machine-id.
# The agent is stopped, not started: run this last, then stop the instance and create the image.
#
# Usage: sudo ./bake-ami.sh PACKAGE.deb|PACKAGE.rpm [--keep-machine-id]
#        sudo ./bake-ami.sh --clean-only [--keep-machine-id]    (package already installed)
set -euo pipefail

usage() { echo "usage: $0 PACKAGE.deb|PACKAGE.rpm|--clean-only [--keep-machine-id]" >&2; exit 2; }
say() { echo "bake-ami: $*"; }

package="" keep_machine_id=false clean_only=false
for arg in "$@"; do
  case "$arg" in
    --keep-machine-id) keep_machine_id=true ;;
    --clean-only) clean_only=true ;;
    -*) usage ;;
    *) [ -z "$package" ] || usage; package=$arg ;;
  esac
done
{ $clean_only && [ -z "$package" ]; } || { ! $clean_only && [ -n "$package" ]; } || usage
[ "$(id -u)" = 0 ] || { echo "bake-ami: run as root" >&2; exit 1; }
systemd_running() { [ -d /run/systemd/system ]; }

if ! $clean_only; then
  [ -f "$package" ] || { echo "bake-ami: no such file: $package" >&2; exit 1; }
  package=$(realpath "$package")
  case "$package" in
    *.deb)
      say "installing $package"
      DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$package" ;;
    *.rpm)
      say "installing $package"
      if command -v dnf >/dev/null 2>&1; then dnf install -y "$package"; else yum install -y "$package"; fi ;;
    *) usage ;;
  esac
fi

say "enabling ecs.service"
systemctl enable ecs.service
if systemd_running && systemctl is-active --quiet ecs.service; then
  say "stopping ecs.service"
  systemctl stop ecs.service
fi

# The data directory the agent uses, as ecs.service would see it.
datadir=/var/lib/ecs/data
if [ -f /etc/ecs/ecs.config ]; then
  configured=$(sed -n 's/^[[:space:]]*ECS_DATADIR[[:space:]]*=[[:space:]]*"\{0,1\}\([^"]*\)"\{0,1\}[[:space:]]*$/\1/p' /etc/ecs/ecs.config | tail -1)
  datadir=${configured:-$datadir}
fi
say "clearing the agent's state in $datadir and its logs in /var/log/ecs"
mkdir -p "$datadir" /var/log/ecs
find "$datadir" /var/log/ecs -mindepth 1 -delete
rm -f /run/ecs-agent/host-setup

if systemd_running && command -v journalctl >/dev/null 2>&1; then
  say "clearing the journal"
  journalctl --rotate >/dev/null 2>&1 || true
  journalctl --vacuum-time=1s >/dev/null 2>&1 || true
fi

if command -v cloud-init >/dev/null 2>&1; then
  say "clearing cloud-init's instance state"
  cloud-init clean --logs
fi

if ! $keep_machine_id && [ -f /etc/machine-id ]; then
  say "emptying /etc/machine-id (a new one is made at first boot)"
  : > /etc/machine-id
  [ -L /var/lib/dbus/machine-id ] || rm -f /var/lib/dbus/machine-id
fi

say "done: stop this instance and create the image; instances launched from it register as themselves"
