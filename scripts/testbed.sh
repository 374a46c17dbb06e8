#!/usr/bin/env bash
# scripts/testbed.sh — bring up a real, offline Docker engine for Berth.
#
# Berth's users are Docker beginners whose first command is `docker run
# hello-world`. This machine reaches Debian's apt and the npm registry only
# (no Docker Hub), so we stand in for the Hub ourselves:
#
#   1. install Debian's docker.io, docker-registry, busybox-static,
#      redis-server, gcc/libc6-dev, jq, curl, chromium and fonts for Latin
#      and Korean screenshots (only if missing);
#   2. run a private registry (docker-registry) on 127.0.0.1:5000;
#   3. point dockerd at it as a registry mirror (/etc/docker/daemon.json);
#   4. run dockerd by hand (no systemd here) on /var/run/docker.sock;
#   5. build hello-world, busybox and redis FROM scratch out of host binaries,
#      push them to the registry as library/NAME:latest and drop them locally,
#      so that a plain `docker run hello-world` pulls through the mirror;
#   6. check it end to end (hello-world greeting, redis PING through -p);
#   7. bring up Podman beside it as a second engine: Debian's podman serving
#      its Docker-compatible API on /run/berth-podman.sock, with the same
#      registry as its docker.io mirror.
#
# Debian only, as root. Idempotent: a second run with everything in place
# only checks and takes a few seconds. Both daemons are left running, detached
# from the caller's terminal and pipes (logs under /var/log).
#
# Environment knobs (all optional):
#   BERTH_DOCKERD_FLAGS  extra flags for dockerd (e.g. "--storage-driver=vfs")
#   BERTH_SKIP_VERIFY=1  skip step 6
#   BERTH_SKIP_PODMAN=1  skip step 7 (no second engine)
set -Eeuo pipefail

readonly REGISTRY_ADDR=127.0.0.1:5000
readonly REGISTRY_URL="http://${REGISTRY_ADDR}"
readonly REGISTRY_CONF_DIR=/etc/berth-testbed
readonly REGISTRY_CONF="${REGISTRY_CONF_DIR}/registry.yml"
readonly REGISTRY_DATA=/var/lib/berth-registry
readonly REGISTRY_LOG=/var/log/berth-registry.log
readonly DOCKERD_LOG=/var/log/berth-dockerd.log
readonly APT_LOG=/var/log/berth-testbed-apt.log
readonly DOCKER_SOCK=/var/run/docker.sock
readonly DAEMON_JSON=/etc/docker/daemon.json
# Fingerprints of what we pushed, so an edited recipe or source is rebuilt.
readonly STAMP_DIR=/var/lib/berth-testbed
readonly REDIS_TEST_NAME=berth-testbed-redis
readonly REDIS_TEST_PORT=16379
readonly PODMAN_SOCK=/run/berth-podman.sock
readonly PODMAN_LOG=/var/log/berth-podman.log
readonly PODMAN_REGISTRIES_CONF=/etc/containers/registries.conf.d/berth-testbed.conf
readonly PODMAN_CONTAINERS_CONF=/etc/containers/containers.conf.d/berth-testbed.conf

# Talk to the engine we manage, whatever the caller's environment says.
export DOCKER_HOST="unix://${DOCKER_SOCK}"
unset DOCKER_CONTEXT DOCKER_TLS_VERIFY DOCKER_CERT_PATH
# /usr/local/bin/docker may be a newer CLI without buildx: force the legacy builder.
export DOCKER_BUILDKIT=0
export DEBIAN_FRONTEND=noninteractive

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
readonly FIXTURES="${HERE}/../tests/fixtures/testbed"

WORKDIR=""
cleanup() {
  [[ -n "${WORKDIR}" && -d "${WORKDIR}" ]] && rm -rf "${WORKDIR}"
  # Never leave our own probe container behind, even on failure.
  if [[ -S "${DOCKER_SOCK}" ]] && command -v docker >/dev/null 2>&1 && docker_up; then
    docker rm -f "${REDIS_TEST_NAME}" >/dev/null 2>&1 || true
  fi
}
trap cleanup EXIT
trap 'echo "testbed: FAILED at line ${LINENO}: ${BASH_COMMAND}" >&2' ERR

log() { printf 'testbed: %s\n' "$*"; }
die() { printf 'testbed: ERROR: %s\n' "$*" >&2; exit 1; }

# ---------------------------------------------------------------------------
# 0. Preconditions: everything below assumes Debian's packages and root.
check_host() {
  [[ "$(id -u)" -eq 0 ]] || die "must run as root (apt-get, dockerd and /etc/docker need it)"
  [[ -f /etc/debian_version ]] || die "Debian only (no /etc/debian_version); this script uses Debian's packages"
  [[ -f "${FIXTURES}/hello.c" ]] || die "missing ${FIXTURES}/hello.c"
}

# ---------------------------------------------------------------------------
# 1. Packages. `apt-get update` is slow, so only when something is missing.
pkg_installed() {
  [[ "$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null || true)" == "install ok installed" ]]
}

install_packages() {
  local wanted=(docker.io docker-registry busybox-static redis-server redis-tools
                gcc libc6-dev jq curl ca-certificates iptables chromium
                fonts-liberation fonts-noto-cjk openssh-server docker-compose)
  # catatonit: the init process `--init` asks of Podman.
  [[ "${BERTH_SKIP_PODMAN:-0}" == 1 ]] || wanted+=(podman catatonit)
  local missing=() p
  for p in "${wanted[@]}"; do pkg_installed "$p" || missing+=("$p"); done
  if ((${#missing[@]} == 0)); then
    log "packages: all present"
    return
  fi
  log "packages: installing ${missing[*]} (log ${APT_LOG})"
  # needrestart, when installed, would offer to restart services after apt.
  export NEEDRESTART_SUSPEND=1
  { apt-get update -q && apt-get install -y -q --no-install-recommends "${missing[@]}"; } >>"${APT_LOG}" 2>&1 \
    || { tail -n 30 "${APT_LOG}" >&2; die "apt-get failed for: ${missing[*]}"; }
  for p in "${missing[@]}"; do pkg_installed "$p" || die "package $p is still not installed"; done
  # Debian's docker-registry ships a systemd unit on :5000 with htpasswd auth;
  # without systemd it does not start, and we never use it.
}

# ---------------------------------------------------------------------------
# Start a long-running daemon fully detached: its own session, stdin from
# /dev/null, output to a log file and every other inherited fd closed, so a
# caller doing `$(testbed.sh)` or `testbed.sh | tee` is not kept waiting.
spawn_daemon() {
  local logfile="$1"; shift
  (
    cd /
    local fd
    for fd in /proc/"${BASHPID}"/fd/*; do
      fd="${fd##*/}"
      if ((fd > 2)); then eval "exec ${fd}>&-" 2>/dev/null || true; fi
    done
    exec setsid nohup "$@" </dev/null >>"${logfile}" 2>&1
  ) &
  echo $!
}

# Is PID a live process? `kill -0` is not enough: this sandbox's pid 1 reaps
# orphans late, and a killed daemon lingers as a zombie for a while.
alive() {
  local state
  state="$(sed -n 's/^State:[[:space:]]*\(.\).*/\1/p' "/proc/$1/status" 2>/dev/null || true)"
  [[ -n "${state}" && "${state}" != Z ]]
}

# Live (non-zombie) pids of processes named exactly $1.
live_pids() {
  local p
  for p in $(pgrep -x "$1" || true); do alive "${p}" && echo "${p}"; done
  return 0
}

# ---------------------------------------------------------------------------
# 2. The registry that plays Docker Hub (and the mirror dockerd consults).
registry_up() {
  [[ "$(curl -s --noproxy '*' -m 2 -o /dev/null -w '%{http_code}' "${REGISTRY_URL}/v2/" || true)" == 200 ]]
}

write_registry_config() {
  mkdir -p "${REGISTRY_CONF_DIR}" "${REGISTRY_DATA}"
  local conf
  conf="$(cat <<EOF
# Written by Berth's scripts/testbed.sh — local stand-in for Docker Hub.
version: 0.1
log:
  level: info
  fields:
    service: berth-registry
storage:
  filesystem:
    rootdirectory: ${REGISTRY_DATA}
  delete:
    enabled: true
  cache:
    blobdescriptor: inmemory
http:
  addr: ${REGISTRY_ADDR}
  headers:
    X-Content-Type-Options: [nosniff]
EOF
)"
  # Rewrite only when different, so a running registry matches its file.
  if [[ ! -f "${REGISTRY_CONF}" ]] || [[ "$(cat "${REGISTRY_CONF}")" != "${conf}" ]]; then
    printf '%s\n' "${conf}" >"${REGISTRY_CONF}"
  fi
}

start_registry() {
  write_registry_config
  if registry_up; then
    log "registry: already answering at ${REGISTRY_URL}/v2/"
    return
  fi
  # Something else on :5000 (e.g. an auth-protected registry) would break pushes.
  local code
  code="$(curl -s --noproxy '*' -m 2 -o /dev/null -w '%{http_code}' "${REGISTRY_URL}/v2/" || true)"
  [[ "${code}" == 000 ]] || die "something else answers on ${REGISTRY_ADDR} (HTTP ${code}); stop it first"

  log "registry: starting docker-registry on ${REGISTRY_ADDR} (log ${REGISTRY_LOG})"
  local pid i
  pid="$(spawn_daemon "${REGISTRY_LOG}" docker-registry serve "${REGISTRY_CONF}")"
  for ((i = 0; i < 100; i++)); do
    registry_up && { log "registry: up (pid ${pid})"; return; }
    alive "${pid}" || break
    sleep 0.2
  done
  tail -n 20 "${REGISTRY_LOG}" >&2 || true
  die "registry did not come up on ${REGISTRY_URL}"
}

# ---------------------------------------------------------------------------
# 3. daemon.json: use our registry as the Docker Hub mirror. Other keys that
# someone put there are kept.
configure_daemon_json() {
  mkdir -p "$(dirname "${DAEMON_JSON}")"
  local current='{}' merged
  if [[ -s "${DAEMON_JSON}" ]]; then
    current="$(cat "${DAEMON_JSON}")"
    jq -e 'type == "object"' >/dev/null 2>&1 <<<"${current}" || die "${DAEMON_JSON} is not a JSON object; fix or remove it"
  fi
  merged="$(jq --arg url "${REGISTRY_URL}" --arg addr "${REGISTRY_ADDR}" '
      .["registry-mirrors"] = ([$url] + ((.["registry-mirrors"] // []) - [$url]))
    | .["insecure-registries"] = ((.["insecure-registries"] // []) - [$addr] + [$addr])
  ' <<<"${current}")"
  if [[ "$(jq -S . <<<"${current}")" == "$(jq -S . <<<"${merged}")" ]]; then
    log "daemon.json: already has the mirror"
  else
    printf '%s\n' "${merged}" >"${DAEMON_JSON}"
    log "daemon.json: mirror ${REGISTRY_URL} written to ${DAEMON_JSON}"
  fi
}

# ---------------------------------------------------------------------------
# 4. The engine.
docker_up() { timeout 10 docker version --format '{{.Server.Version}}' >/dev/null 2>&1; }

mirror_active() {
  timeout 10 docker info --format '{{json .RegistryConfig.Mirrors}}' 2>/dev/null \
    | grep -qF "${REGISTRY_ADDR}"
}

# Start dockerd with the given extra flags; wait up to 60 s for the API.
# Returns non-zero (leaving the log) if dockerd exits or never answers.
try_dockerd() {
  local pid i
  echo "==== $(date -Is) testbed.sh: dockerd $*" >>"${DOCKERD_LOG}"
  pid="$(spawn_daemon "${DOCKERD_LOG}" dockerd "$@")"
  for ((i = 0; i < 120; i++)); do
    docker_up && { log "dockerd: up (pid ${pid}${*:+, flags: $*})"; return 0; }
    alive "${pid}" || { log "dockerd exited early${*:+ (flags: $*)}"; return 1; }
    sleep 0.5
  done
  log "dockerd did not answer within 60 s; stopping it"
  kill "${pid}" 2>/dev/null || true
  for ((i = 0; i < 40; i++)); do alive "${pid}" || break; sleep 0.5; done
  return 1
}

# The useful lines of a failed start, without the grpc chatter.
show_dockerd_errors() {
  tail -n 200 "${DOCKERD_LOG}" | grep -E 'level=(error|fatal)|failed to start' | tail -n 8 >&2 || true
}

wait_dockerd_gone() {
  local i
  for ((i = 0; i < 60; i++)); do [[ -z "$(live_pids dockerd)" ]] && return 0; sleep 0.5; done
  return 1
}

# After a crash (kill -9) dockerd's and containerd's pid files remain. dockerd
# refuses to start while /proc/<pid> exists, which a zombie satisfies, and
# would try to reuse a "still running" containerd: drop files of dead pids.
# A containerd that really survived its dockerd is left for dockerd to adopt.
clear_stale_pidfiles() {
  local f pid
  for f in /var/run/docker.pid /var/run/docker/containerd/containerd.pid; do
    [[ -f "${f}" ]] || continue
    pid="$(tr -dc '0-9' <"${f}")"
    if [[ -z "${pid}" ]] || ! alive "${pid}"; then
      rm -f "${f}"
    fi
  done
}

start_dockerd() {
  if docker_up; then
    log "dockerd: already answering on ${DOCKER_SOCK}"
    ensure_mirror_active
    return
  fi
  # A live dockerd that does not answer yet may still be starting (another
  # run of this script?): give it the same 60 s, then call it wedged.
  if [[ -n "$(live_pids dockerd)" ]]; then
    log "dockerd: a dockerd process exists but does not answer yet; waiting"
    local i
    for ((i = 0; i < 120; i++)); do docker_up && break; sleep 0.5; done
    docker_up || die "dockerd (pid $(live_pids dockerd | tr '\n' ' ')) runs but ${DOCKER_SOCK} does not answer; stop it first"
    log "dockerd: now answering"
    ensure_mirror_active
    return
  fi
  clear_stale_pidfiles

  log "dockerd: starting (log ${DOCKERD_LOG})"
  # On this sandbox plain `dockerd` works (overlay2, iptables-nft, cgroup v1,
  # its own containerd under /var/run/docker/containerd). Elsewhere nested
  # sandboxes may lack overlayfs or netfilter: fall back to vfs storage and
  # no iptables (port publishing still works through docker-proxy).
  local extra=()
  [[ -n "${BERTH_DOCKERD_FLAGS:-}" ]] && read -r -a extra <<<"${BERTH_DOCKERD_FLAGS}"
  if try_dockerd ${extra[@]+"${extra[@]}"}; then :
  else
    show_dockerd_errors
    wait_dockerd_gone || die "old dockerd will not exit"
    log "dockerd: retrying with --storage-driver=vfs --iptables=false"
    try_dockerd ${extra[@]+"${extra[@]}"} --storage-driver=vfs --iptables=false \
      || { show_dockerd_errors; die "dockerd would not start; see ${DOCKERD_LOG}"; }
  fi
  mirror_active || die "dockerd runs but does not use the mirror ${REGISTRY_URL}; check ${DAEMON_JSON}"
}

# An engine that was already running may predate our daemon.json. Mirrors and
# insecure registries are reloadable on SIGHUP; restart only if that fails and
# nothing is running on it.
ensure_mirror_active() {
  mirror_active && { log "dockerd: mirror ${REGISTRY_URL} active"; return; }
  local pid i
  pid="$(cat /var/run/docker.pid 2>/dev/null || live_pids dockerd | head -n 1)"
  [[ -n "${pid}" ]] || die "dockerd lacks the mirror and its pid is unknown; restart it by hand"
  log "dockerd: reloading configuration (SIGHUP ${pid})"
  kill -HUP "${pid}"
  for ((i = 0; i < 20; i++)); do mirror_active && { log "dockerd: mirror active after reload"; return; }; sleep 0.5; done
  [[ "$(docker ps -q | wc -l)" -eq 0 ]] \
    || die "dockerd did not take the mirror on reload and has running containers; restart it by hand"
  log "dockerd: reload did not apply the mirror; restarting dockerd"
  kill "${pid}"
  wait_dockerd_gone || die "dockerd (pid ${pid}) will not stop"
  start_dockerd
}

# ---------------------------------------------------------------------------
# 5. Images. Each builder fills a build context in $1 (Dockerfile included).

# hello-world: one static binary, like Docker's own.
context_hello_world() {
  local ctx="$1"
  gcc -static -Os -s -o "${ctx}/hello" "${FIXTURES}/hello.c"
  cat >"${ctx}/Dockerfile" <<'EOF'
FROM scratch
COPY hello /
CMD ["/hello"]
EOF
}

# busybox: Debian's static busybox plus a symlink in /bin for every applet.
context_busybox() {
  local ctx="$1" root="$1/rootfs" applet
  mkdir -p "${root}/bin" "${root}/etc" "${root}/root" "${root}/tmp" "${root}/var/tmp"
  chmod 1777 "${root}/tmp" "${root}/var/tmp"
  chmod 700 "${root}/root"
  cp /bin/busybox "${root}/bin/busybox"
  for applet in $(/bin/busybox --list); do
    [[ "${applet}" == busybox ]] || ln -s busybox "${root}/bin/${applet}"
  done
  # Enough for `whoami`, `id` and `top` to show names.
  printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n' >"${root}/etc/passwd"
  printf 'root:x:0:\nnogroup:x:65534:\n' >"${root}/etc/group"
  cat >"${ctx}/Dockerfile" <<'EOF'
FROM scratch
COPY rootfs/ /
CMD ["sh"]
EOF
}

# redis: Debian's redis-server (and redis-cli for `docker exec`) with every
# library ldd lists, in three layers: libraries, binaries, config/data dir.
context_redis() {
  local ctx="$1" bin lib
  mkdir -p "${ctx}/libs" "${ctx}/bins/usr/local/bin" "${ctx}/conf/data" \
           "${ctx}/conf/etc/redis" "${ctx}/conf/tmp"
  chmod 1777 "${ctx}/conf/tmp"
  for bin in redis-server redis-cli; do
    bin="$(command -v "${bin}")"
    local deps
    deps="$(ldd "${bin}")"
    grep -q 'not found' <<<"${deps}" && die "${bin} has unresolved libraries: ${deps}"
    # redis-server is a symlink to redis-check-rdb on Debian; copy the file.
    cp -L "${bin}" "${ctx}/bins/usr/local/bin/$(basename "${bin}")"
    # ldd lines: "libx.so => /path (addr)" or "/lib64/ld-linux-x86-64.so.2 (addr)".
    # Libraries go at the very path ldd prints (merged /usr: /lib is a symlink
    # on the host, a plain directory in the image; the loader finds both).
    while read -r lib; do
      mkdir -p "${ctx}/libs$(dirname "${lib}")"
      cp -L "${lib}" "${ctx}/libs${lib}"
    done < <(awk '$2 == "=>" && $3 ~ /^\// { print $3; next } $1 ~ /^\// { print $1 }' <<<"${deps}")
  done
  printf 'root:x:0:0:root:/root:/bin/sh\nredis:x:999:999:redis:/data:/bin/false\n' >"${ctx}/conf/etc/passwd"
  cat >"${ctx}/conf/etc/redis/redis.conf" <<'EOF'
# Berth testbed redis: reachable from other containers, no persistence.
bind 0.0.0.0
protected-mode no
port 6379
dir /data
save ""
appendonly no
EOF
  cat >"${ctx}/Dockerfile" <<'EOF'
FROM scratch
COPY libs/ /
COPY bins/ /
COPY conf/ /
ENV PATH=/usr/local/bin:/usr/bin:/bin
WORKDIR /data
EXPOSE 6379
CMD ["redis-server", "/etc/redis/redis.conf", "--bind", "0.0.0.0", "--protected-mode", "no"]
EOF
}

registry_has() {
  local code
  code="$(curl -s --noproxy '*' -m 5 -o /dev/null -w '%{http_code}' -I \
    -H 'Accept: application/vnd.docker.distribution.manifest.v2+json' \
    "${REGISTRY_URL}/v2/library/$1/manifests/latest" || true)"
  [[ "${code}" == 200 ]]
}

# Content hash of a build context (file names, modes, link targets, bytes).
context_fingerprint() {
  tar -C "$1" --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner -cf - . | sha256sum | cut -d' ' -f1
}

# Build NAME with context_NAME, push it as 127.0.0.1:5000/library/NAME:latest,
# then remove it locally so the first `docker run NAME` pulls via the mirror.
# Skipped when the registry already holds the same fingerprint.
publish_image() {
  local name="$1" fn="context_${1//-/_}" ctx tag fp
  ctx="${WORKDIR}/${name}"
  mkdir -p "${ctx}"
  "${fn}" "${ctx}"
  fp="$(context_fingerprint "${ctx}")"
  if registry_has "${name}" && [[ "$(cat "${STAMP_DIR}/${name}.sha256" 2>/dev/null || true)" == "${fp}" ]]; then
    log "image ${name}: already in registry (unchanged)"
    return
  fi
  tag="${REGISTRY_ADDR}/library/${name}:latest"
  log "image ${name}: building ${tag}"
  docker build -q --label "org.berth.testbed.fingerprint=${fp}" -t "${tag}" "${ctx}" >/dev/null 2>"${WORKDIR}/build-${name}.log" \
    || { cat "${WORKDIR}/build-${name}.log" >&2; die "docker build of ${name} failed"; }
  log "image ${name}: pushing"
  docker push -q "${tag}" >/dev/null || die "docker push of ${tag} failed"
  docker image rm "${tag}" >/dev/null
  # A stale copy pulled earlier would hide the new one.
  docker image rm "${name}:latest" >/dev/null 2>&1 || true
  mkdir -p "${STAMP_DIR}"
  printf '%s\n' "${fp}" >"${STAMP_DIR}/${name}.sha256"
  registry_has "${name}" || die "registry does not list ${name} after push"
  log "image ${name}: pushed"
}

publish_images() {
  WORKDIR="$(mktemp -d /tmp/berth-testbed.XXXXXX)"
  publish_image hello-world
  publish_image busybox
  publish_image redis
}

# ---------------------------------------------------------------------------
# 6. End-to-end check, the way a beginner would try it.
verify_hello_world() {
  docker image rm -f hello-world:latest >/dev/null 2>&1 || true
  local out
  out="$(docker run --rm hello-world 2>&1)" || { printf '%s\n' "${out}" >&2; die "docker run hello-world failed"; }
  printf '%s\n' "${out}" | sed 's/^/    | /'
  grep -qF "Unable to find image 'hello-world:latest' locally" <<<"${out}" \
    || die "hello-world was not pulled (expected \"Unable to find image 'hello-world:latest' locally\")"
  grep -qF "Hello from Docker!" <<<"${out}" || die "hello-world did not greet"
  log "verify: OK docker run hello-world pulled through the mirror and greeted"
}

verify_redis() {
  docker rm -f "${REDIS_TEST_NAME}" >/dev/null 2>&1 || true
  local out i reply=""
  # Pull progress goes to stderr; keep it, indented like the hello-world output.
  out="$(docker run -d -p "127.0.0.1:${REDIS_TEST_PORT}:6379" --name "${REDIS_TEST_NAME}" redis 2>&1)" \
    || { printf '%s\n' "${out}" >&2; die "docker run redis failed"; }
  grep -v '^[0-9a-f]\{64\}$' <<<"${out}" | sed 's/^/    | /' || true
  for ((i = 0; i < 40; i++)); do
    reply="$(timeout 2 redis-cli -h 127.0.0.1 -p "${REDIS_TEST_PORT}" ping 2>/dev/null || true)"
    [[ "${reply}" == PONG ]] && break
    sleep 0.25
  done
  if [[ "${reply}" != PONG ]]; then
    docker logs "${REDIS_TEST_NAME}" >&2 || true
    die "redis container did not answer PING on 127.0.0.1:${REDIS_TEST_PORT}"
  fi
  docker rm -f "${REDIS_TEST_NAME}" >/dev/null
  log "verify: OK redis container answered PONG on 127.0.0.1:${REDIS_TEST_PORT} (removed)"
}

verify_busybox() {
  local out
  out="$(docker run --rm busybox sh -c 'echo busybox-ok; seq 3 | wc -l' 2>&1)" \
    || { printf '%s\n' "${out}" >&2; die "docker run busybox failed"; }
  grep -q busybox-ok <<<"${out}" || die "busybox container misbehaved: ${out}"
  log "verify: OK busybox runs sh, echo and seq"
}

# ---------------------------------------------------------------------------
# 7. Podman, the second engine: its Docker-compatible API (v1.41) served by
# `podman system service`, pulling docker.io through the same local registry.

# Writes $2 to $1 unless it already says that; succeeds when it wrote.
write_if_changed() {
  local file="$1" content="$2"
  mkdir -p "$(dirname "${file}")"
  if [[ ! -f "${file}" ]] || [[ "$(cat "${file}")" != "${content}" ]]; then
    printf '%s\n' "${content}" >"${file}"
    return 0
  fi
  return 1
}

# Succeeds when a configuration file changed (the running service must then restart).
configure_podman() {
  local changed=1
  write_if_changed "${PODMAN_REGISTRIES_CONF}" "$(cat <<EOF
# Written by Berth's scripts/testbed.sh: docker.io through the local registry.
unqualified-search-registries = ["docker.io"]

[[registry]]
prefix = "docker.io"
location = "docker.io"

[[registry.mirror]]
location = "${REGISTRY_ADDR}"
insecure = true

[[registry]]
location = "${REGISTRY_ADDR}"
insecure = true
$(for port in 5001 5002 5003 5004 5005 5006 5007 5008; do
  # Throttling proxies in front of the registry, started by the tests (tests/fixtures/throttledProxy.ts).
  printf '\n[[registry]]\nlocation = "127.0.0.1:%s"\ninsecure = true\n' "${port}"
done)
EOF
)" && changed=0
  # cgroupfs and file events: no systemd here. Without the ulimits every container fails with
  # "error setting rlimit ... operation not permitted" in this sandbox.
  write_if_changed "${PODMAN_CONTAINERS_CONF}" "$(cat <<'EOF'
# Written by Berth's scripts/testbed.sh.
[containers]
default_ulimits = ["nofile=20000:20000", "nproc=32768:32768"]

[engine]
cgroup_manager = "cgroupfs"
events_logger = "file"
EOF
)" && changed=0
  return "${changed}"
}

podman_up() {
  [[ "$(curl -s --noproxy '*' -m 5 --unix-socket "${PODMAN_SOCK}" -o /dev/null -w '%{http_code}' http://d/_ping || true)" == 200 ]]
}

podman_service_pids() {
  local p
  for p in $(pgrep -f "podman system service --time=0 unix://${PODMAN_SOCK}" || true); do
    alive "${p}" && echo "${p}"
  done
  return 0
}

start_podman() {
  local reconfigured=1
  configure_podman && reconfigured=0
  if podman_up && ((reconfigured != 0)); then
    log "podman: already answering on ${PODMAN_SOCK}"
    return
  fi
  local p i pid
  for p in $(podman_service_pids); do kill "${p}" 2>/dev/null || true; done
  for ((i = 0; i < 40; i++)); do [[ -z "$(podman_service_pids)" ]] && break; sleep 0.25; done
  rm -f "${PODMAN_SOCK}"
  log "podman: starting the API service on ${PODMAN_SOCK} (log ${PODMAN_LOG})"
  echo "==== $(date -Is) testbed.sh: podman system service" >>"${PODMAN_LOG}"
  pid="$(spawn_daemon "${PODMAN_LOG}" podman system service --time=0 "unix://${PODMAN_SOCK}")"
  for ((i = 0; i < 120; i++)); do
    podman_up && { log "podman: up (pid ${pid}, $(podman --version))"; return; }
    alive "${pid}" || break
    sleep 0.25
  done
  tail -n 20 "${PODMAN_LOG}" >&2 || true
  die "podman system service did not answer on ${PODMAN_SOCK}"
}

verify_podman() {
  local out
  podman image rm -f docker.io/library/hello-world:latest >/dev/null 2>&1 || true
  out="$(DOCKER_HOST="unix://${PODMAN_SOCK}" docker run --rm hello-world 2>&1)" \
    || { printf '%s\n' "${out}" >&2; die "docker run hello-world on Podman failed"; }
  grep -qF "Hello from Docker!" <<<"${out}" || die "hello-world on Podman did not greet: ${out}"
  log "verify: OK docker run hello-world on Podman pulled through the mirror and greeted"
}

main() {
  local t0=${SECONDS}
  check_host
  install_packages
  start_registry
  configure_daemon_json
  start_dockerd
  log "dockerd: server version $(docker version --format '{{.Server.Version}}')"
  publish_images
  [[ "${BERTH_SKIP_PODMAN:-0}" == 1 ]] || start_podman
  if [[ "${BERTH_SKIP_VERIFY:-0}" != 1 ]]; then
    verify_hello_world
    verify_busybox
    verify_redis
    [[ "${BERTH_SKIP_PODMAN:-0}" == 1 ]] || verify_podman
  fi
  log "done in $((SECONDS - t0)) s"
  local podman_line=""
  [[ "${BERTH_SKIP_PODMAN:-0}" == 1 ]] || podman_line=" podman=unix://${PODMAN_SOCK}"
  echo "testbed ready: DOCKER_HOST=unix:///var/run/docker.sock registry=${REGISTRY_URL}${podman_line}"
}

main "$@"
