#!/bin/bash
# Runs ecs.service under a real systemd, on a machine whose PID 1 is not systemd (CI, containers):
# boots this machine's own OS in a throw-away container (systemd-nspawn on a tmpfs overlay of /,
# with its own network namespace), installs the built .deb there, starts the emulator inside, and
# checks what the unit promises:
#   - `systemctl start ecs` returns only once the agent has registered, with the sandbox on;
#   - pre-start adds the netfilter rules and route_localnet, stop removes them; stop is a success;
#   - a crashed agent is restarted; bad configuration (exit 5) is not;
#   - `systemd-analyze security ecs`.
# A manual check, not part of `bin/test`. Needs root, systemd-container (systemd-nspawn), the
# packages and the emulator jar built (./mvnw -pl packaging -am package -DskipTests), and a running
# dockerd, whose socket is passed in. Nothing on the host changes. Takes about a minute.
set -euo pipefail
cd "$(dirname "$0")/.."

deb=$(ls packaging/target/ecs-agent-java_*.deb)
emulator=emulator/target/ecs-emulator.jar
command -v systemd-nspawn >/dev/null || { echo "needs systemd-nspawn: apt-get install systemd-container" >&2; exit 1; }
docker info >/dev/null 2>&1 || { echo "needs a running dockerd" >&2; exit 1; }
java=$(. bin/jdk.sh 2>/dev/null && echo "$JAVA_HOME/bin/java")

work=$(mktemp -d)
cleanup() {
  umount "$work/root/merged" 2>/dev/null || true
  umount "$work/root" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
mkdir -p "$work/root" "$work/share"
mount -t tmpfs tmpfs "$work/root"
mkdir -p "$work/root/upper" "$work/root/work" "$work/root/merged"
mount -t overlay overlay -o "lowerdir=/,upperdir=$work/root/upper,workdir=$work/root/work" "$work/root/merged"
cp "$deb" "$work/share/ecs-agent-java.deb"
cp "$emulator" "$work/share/ecs-emulator.jar"

cat > "$work/share/inside.sh" <<'EOF'
#!/bin/bash
exec > /share/result.txt 2>&1
check() { if eval "$2"; then echo "PASS $1"; else echo "FAIL $1"; fi; }
rules() { iptables-save | grep -c 169.254.170.2; }
localnet() { cat /proc/sys/net/ipv4/conf/all/route_localnet; }
systemctl mask docker.service docker.socket containerd.service >/dev/null 2>&1
dpkg -i /share/ecs-agent-java.deb >/dev/null
JAVA -jar /share/ecs-emulator.jar --port 8765 > /share/emulator.log 2>&1 &
until curl -s -o /dev/null http://127.0.0.1:8765/; do sleep 0.2; done
printf '%s\n' ECS_BACKEND_HOST=http://127.0.0.1:8765 AWS_REGION=us-east-1 AWS_ACCESS_KEY_ID=local \
  AWS_SECRET_ACCESS_KEY=local DOCKER_HOST=unix:///docker.sock >> /etc/ecs/ecs.config

systemctl start ecs
check "start returns once registered" 'curl -s http://127.0.0.1:51678/v1/metadata | grep -q container-instance/'
check "pre-start added the rules" '[ "$(rules)" = 2 ] && [ "$(localnet)" = 1 ]'
systemctl stop ecs
check "stop is a success" '[ "$(systemctl show -p Result --value ecs)" = success ]'
check "post-stop removed the rules" '[ "$(rules)" = 0 ] && [ "$(localnet)" = 0 ]'

systemctl start ecs
kill -9 "$(systemctl show -p MainPID --value ecs)"
sleep 14
check "a crash is restarted" 'systemctl is-active --quiet ecs && [ "$(systemctl show -p NRestarts --value ecs)" = 1 ]'

echo ECS_LOGLEVEL=bogus >> /etc/ecs/ecs.config
systemctl restart ecs || true
sleep 12
check "bad configuration is not restarted" '[ "$(systemctl show -p ExecMainStatus --value ecs)" = 5 ] && systemctl is-failed --quiet ecs'
systemd-analyze security ecs --no-pager | tail -1
journalctl -u ecs --no-pager > /share/journal.txt
EOF
sed -i "s|^JAVA |$java |" "$work/share/inside.sh"
chmod 755 "$work/share/inside.sh"

timeout 300 systemd-nspawn -D "$work/root/merged" --register=no --link-journal=no --keep-unit \
  --private-network --bind="$work/share:/share" --bind=/run/docker.sock:/docker.sock -M ecs-try -b \
  'systemd.run="/share/inside.sh"' systemd.run_success_action=poweroff systemd.run_failure_action=poweroff \
  > "$work/boot.log" 2>&1 || { tail -30 "$work/boot.log"; exit 1; }
cat "$work/share/result.txt"
! grep -q '^FAIL' "$work/share/result.txt"
