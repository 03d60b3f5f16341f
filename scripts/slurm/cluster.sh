#!/usr/bin/env bash
# A real single-node Slurm cluster on this machine, for testing sweep job scripts.
#
#   scripts/slurm/cluster.sh up [--owner PID] [DIR]
#                                           start munged, slurmctld and slurmd; wait until the
#                                           node is idle; print `export SLURM_CONF=DIR/slurm.conf`.
#                                           --owner PID: bring it down when process PID ends,
#                                           however it ends (a test killed by its timeout)
#   scripts/slurm/cluster.sh down [DIR]     cancel all jobs, wait for an empty queue, shut down
#   scripts/slurm/cluster.sh status [DIR]   daemons, node and queue; exit 0 if up, 1 if not
#
# DIR (default: $DEFSIM_SLURM_DIR or /tmp/defsim-slurm) holds everything: slurm.conf,
# cgroup.conf, munge's socket, Slurm's state, spool, pid and log files. Nothing outside it is
# written, and no system service is touched; the only shared things are the munge key in
# /etc/munge and two TCP ports (the first free pair from 6817/6818 up, or $DEFSIM_SLURM_PORT
# and the next one). Typical use:
#
#   eval "$(scripts/slurm/cluster.sh up)"    # status messages go to stderr, the export to stdout
#   sbatch --array=0-1 --wait job.sbatch
#   scripts/slurm/cluster.sh down
#
# Both `up` and `down` are idempotent: `up` on a running cluster only prints the export line,
# `down` on a stopped one does nothing. `down` ends only the daemons `up` started (their pid
# files, checked against the process's command line). The logs stay in DIR/log.
# Needs root (Debian 12: slurm-wlm and munge, installed by scripts/setup.sh).
# Exit codes: 0 ok, 1 failure (the relevant log is shown), 2 usage.
# Facts behind every choice here: docs/CLUSTER.md ("A Slurm cluster on one machine").
set -euo pipefail

usage() { sed -n '2,27p' "$0" | sed 's/^# \{0,1\}//'; }
say() { printf 'cluster.sh: %s\n' "$*" >&2; }
die() { say "error: $*"; exit 1; }

(($# >= 1)) || { usage >&2; exit 2; }
cmd="$1"
case "$cmd" in
  up | down | status) ;;
  -h | --help) usage; exit 0 ;;
  *) say "unknown command '$cmd' (up, down or status)"; exit 2 ;;
esac
shift
owner=""
if [[ $cmd == up && ${1:-} == --owner ]]; then
  owner="${2:-}"
  [[ $owner =~ ^[1-9][0-9]*$ ]] || { say "--owner needs a process id"; exit 2; }
  kill -0 "$owner" 2>/dev/null || { say "--owner $owner: no such process"; exit 2; }
  shift 2
fi
(($# <= 1)) || { say "too many arguments (try --help)"; exit 2; }
dir="${1:-${DEFSIM_SLURM_DIR:-/tmp/defsim-slurm}}"
self="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/$(basename "${BASH_SOURCE[0]}")"
[[ $dir == /* ]] || dir="$PWD/$dir"
dir="${dir%/}"
# Slurm and munge parse these paths from configuration lines and options: no spaces.
[[ $dir =~ ^/[A-Za-z0-9._/+-]+$ ]] || die "state directory '$dir' must be a plain path (letters, digits, . _ - + /)"

conf="$dir/slurm.conf"
munge_dir="$dir/munge"
munge_socket="$munge_dir/munge.socket.2"
export SLURM_CONF="$conf" # every Slurm command below talks to this cluster, whatever the caller set

# Bounds on every wait, in seconds. Measured on a 2-core Debian 12 VM: munged is up in
# ~0.05 s, slurmctld answers in ~0.3 s and the node is idle ~1 s later; a job cancelled
# at shutdown leaves the queue within a few seconds (MinJobAge=5).
: "${DEFSIM_SLURM_TIMEOUT:=30}"

# ---- helpers ---------------------------------------------------------------------------

# pid_of NAME: the pid in DIR's pid file for daemon NAME if that process is alive and really
# is our daemon (its command line names our directory; guards against a reused pid), else
# nothing. Exit status 0 when alive.
pid_of() {
  local name="$1" file pid
  case "$name" in
    munged) file="$munge_dir/munged.pid" ;;
    slurmctld | slurmd) file="$dir/run/$name.pid" ;;
  esac
  [[ -r $file ]] || return 1
  pid="$(tr -dc 0-9 <"$file")"
  [[ -n $pid && -r /proc/$pid/cmdline ]] || return 1
  # /proc/PID/cmdline separates arguments with NULs; our daemons all get a path in $dir.
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "$dir/" || return 1
  echo "$pid"
}

alive() { pid_of "$1" >/dev/null; }

# wait_for SECONDS DESCRIPTION COMMAND...: poll COMMAND every 0.1 s until it succeeds.
wait_for() {
  local limit="$1" what="$2"
  shift 2
  local deadline=$((SECONDS + limit))
  until "$@" >/dev/null 2>&1; do
    if ((SECONDS >= deadline)); then
      say "timed out after ${limit}s waiting for $what"
      return 1
    fi
    sleep 0.1
  done
}

show_log() {
  local file="$1"
  [[ -s $file ]] || return 0
  say "last lines of $file:"
  tail -n 15 "$file" | sed 's/^/    /' >&2
}

require_root() {
  ((EUID == 0)) || die "must run as root: slurmd starts jobs as their submitting user and munged runs as the 'munge' account (try: sudo $0 $cmd $dir)"
}

require_packages() {
  local missing=() c
  for c in munged munge unmunge slurmctld slurmd scontrol sinfo squeue scancel sbatch runuser flock; do
    command -v "$c" >/dev/null 2>&1 || missing+=("$c")
  done
  ((${#missing[@]} == 0)) ||
    die "missing commands: ${missing[*]}. Install the Debian packages with scripts/setup.sh (slurm-wlm munge)."
  id munge >/dev/null 2>&1 || die "there is no 'munge' user; reinstall the munge package"
  [[ -r /etc/munge/munge.key ]] ||
    die "no munge key /etc/munge/munge.key; create one with: runuser -u munge -- mungekey --create"
}

# Listening TCP ports (decimal), from /proc so no extra package is needed.
listening_ports() {
  local f local_addr state
  for f in /proc/net/tcp /proc/net/tcp6; do
    [[ -r $f ]] || continue
    # Columns: sl local_address(ADDR:PORT, hex) rem_address st(0A = LISTEN) ...
    while read -r _ local_addr _ state _; do
      [[ $state == 0A ]] && echo "$((16#${local_addr##*:}))"
    done < <(tail -n +2 "$f")
  done
  return 0
}

# pick_ports: echo a free pair "CTLD SLURMD". Slurm's own defaults (6817, 6818) when free,
# so the cluster looks like a real one; the next free pair otherwise (a site Slurm or a
# second test cluster on this machine).
pick_ports() {
  local used p
  used=" $(listening_ports | tr '\n' ' ') "
  if [[ -n ${DEFSIM_SLURM_PORT:-} ]]; then
    echo "$DEFSIM_SLURM_PORT $((DEFSIM_SLURM_PORT + 1))"
    return
  fi
  for ((p = 6817; p < 6917; p += 2)); do
    if [[ $used != *" $p "* && $used != *" $((p + 1)) "* ]]; then
      echo "$p $((p + 1))"
      return
    fi
  done
  die "no free pair of TCP ports in 6817-6916; set DEFSIM_SLURM_PORT"
}

queue_empty() { [[ -z $(squeue -h -o %i 2>/dev/null) ]]; }
node_state() { sinfo -h -n localhost -o '%t' 2>/dev/null | head -n 1; }
node_idle() { [[ $(node_state) == idle ]]; }
controller_up() { scontrol ping 2>/dev/null | grep -q 'is UP'; }
munge_works() { munge -n -S "$munge_socket" | unmunge -S "$munge_socket" >/dev/null; }

write_config() {
  local ctld_port="$1" slurmd_port="$2" hw
  # The hardware fields of this machine (CPUs, sockets, cores, threads, memory) as slurmd
  # sees them; a NodeName line that disagrees makes slurmd drain the node.
  hw="$(slurmd -C | head -n 1 | sed -e 's/^NodeName=[^ ]* //')"
  [[ $hw == *CPUs=* ]] || die "could not read the hardware line from 'slurmd -C' (got: $hw)"
  cat >"$conf" <<EOF
# Written by scripts/slurm/cluster.sh: a single-node test cluster under $dir.
ClusterName=defsim
SlurmctldHost=localhost
SlurmctldPort=$ctld_port
SlurmdPort=$slurmd_port
# Root runs the daemons, so no slurm account or system directories are needed.
SlurmUser=root
SlurmdUser=root
# munge on its own socket: never the system munged, if there is one.
AuthType=auth/munge
AuthInfo=socket=$munge_socket
CredType=cred/munge
# No systemd, no usable cgroups: track processes through /proc, bind no tasks to cores.
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
MpiDefault=none
MailProg=/bin/true
# Cores are the consumable resource: a 1-CPU array task takes one core, so an N-core
# machine runs N tasks at once. Memory is not scheduled (no --mem needed in tests).
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
# Fast turnaround for tests: schedule at once, forget finished jobs after 5 s.
MinJobAge=5
SchedulerParameters=batch_sched_delay=0,sched_min_interval=0
ReturnToService=2
# Default array limit, stated so the docs can point here: indices 0..1000.
MaxArraySize=1001
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool
SlurmctldPidFile=$dir/run/slurmctld.pid
SlurmdPidFile=$dir/run/slurmd.pid
SlurmctldLogFile=$dir/log/slurmctld.log
SlurmdLogFile=$dir/log/slurmd.log
SlurmctldDebug=info
SlurmdDebug=info
PlugStackConfig=$dir/plugstack.conf
NodeName=localhost NodeAddr=127.0.0.1 $hw State=UNKNOWN
PartitionName=debug Nodes=localhost Default=YES MaxTime=INFINITE State=UP
EOF
  # slurmd 22.05 dies without a usable cgroup file system unless told to use v1 (which,
  # with proctrack/linuxproc and task/none, it then never touches).
  printf 'CgroupPlugin=cgroup/v1\n' >"$dir/cgroup.conf"
  # No SPANK plugins from /etc/slurm: the test cluster behaves the same on every machine.
  : >"$dir/plugstack.conf"
}

# ---- down --------------------------------------------------------------------------------

# stop_pid NAME: TERM the daemon, wait, KILL if it will not go. Only our own pids.
stop_pid() {
  local name="$1" pid
  pid="$(pid_of "$name")" || return 0
  kill -TERM "$pid" 2>/dev/null || true
  if ! wait_for 10 "$name (pid $pid) to exit" bash -c "! kill -0 $pid"; then
    say "killing $name (pid $pid)"
    kill -KILL "$pid" 2>/dev/null || true
    wait_for 5 "$name (pid $pid) to die" bash -c "! kill -0 $pid" || true
  fi
}

do_down() {
  local pid
  if ! alive slurmctld && ! alive slurmd && ! alive munged; then
    say "not running (state directory $dir)"
    return 0
  fi
  if alive slurmctld && controller_up; then
    # Running job steps survive `scontrol shutdown`: cancel every job first and wait until
    # the queue is empty (completing jobs are still listed), then shut the daemons down.
    scancel --partition=debug >/dev/null 2>&1 || true
    if ! wait_for "$DEFSIM_SLURM_TIMEOUT" "an empty queue" queue_empty; then
      squeue >&2 || true
    fi
    scontrol shutdown >/dev/null 2>&1 || true
    for name in slurmctld slurmd; do
      if pid="$(pid_of "$name")"; then
        wait_for 15 "$name to shut down" bash -c "! kill -0 $pid" || true
      fi
    done
  fi
  # Whatever is left (controller already dead, or shutdown too slow): our pids only.
  stop_pid slurmd
  stop_pid slurmctld
  stop_pid munged
  rm -f "$dir/run/"*.pid
  say "stopped (logs kept in $dir/log)"
}

# ---- up ----------------------------------------------------------------------------------

do_up() {
  local ctld_port slurmd_port
  if alive munged && alive slurmctld && alive slurmd && controller_up; then
    node_idle || say "already running; node state: $(node_state)"
    say "already running (state directory $dir)"
    [[ -z $owner ]] || watch_owner
    echo "export SLURM_CONF=$conf"
    return 0
  fi
  if alive munged || alive slurmctld || alive slurmd; then
    say "partly running: stopping it first"
    do_down
  fi

  mkdir -p "$dir"/{state,spool,run,log}
  rm -rf "$dir/state" "$dir/spool" && mkdir -p "$dir/state" "$dir/spool" # no stale jobs
  chmod 0755 "$dir"
  # munged runs as the munge user, which must reach the directory (mktemp -d makes 0700 ones).
  runuser -u munge -- test -x "$dir" ||
    die "the munge user cannot reach $dir: make the directories above it searchable (chmod o+x) or use one under /tmp"
  # munged wants its socket directory owned by it, searchable by every user (clients of any
  # uid connect) and writable by no one else.
  mkdir -p "$munge_dir"
  chown munge:munge "$munge_dir"
  chmod 0755 "$munge_dir"
  rm -f "$munge_socket" "$munge_socket.lock"

  # munged refuses to run as root: start it as the munge user, on our own socket.
  # `9>&-` on every daemon: they must not inherit (and so hold forever) the lock on fd 9.
  runuser -u munge -- munged --socket="$munge_socket" --pid-file="$munge_dir/munged.pid" \
    --log-file="$munge_dir/munged.log" --seed-file="$munge_dir/munged.seed" 9>&- ||
    { show_log "$munge_dir/munged.log"; die "munged did not start"; }
  wait_for "$DEFSIM_SLURM_TIMEOUT" "munged to answer on $munge_socket" munge_works ||
    { show_log "$munge_dir/munged.log"; die "munged does not work"; }

  read -r ctld_port slurmd_port < <(pick_ports)
  write_config "$ctld_port" "$slurmd_port"

  # -c: start from an empty state (no jobs from an earlier run of this directory).
  slurmctld -c -f "$conf" 9>&- ||
    { show_log "$dir/log/slurmctld.log"; die "slurmctld did not start"; }
  wait_for "$DEFSIM_SLURM_TIMEOUT" "slurmctld to answer on port $ctld_port" controller_up ||
    { show_log "$dir/log/slurmctld.log"; die "slurmctld does not answer"; }

  # -N localhost: this slurmd is the node named in slurm.conf, whatever the hostname.
  slurmd -f "$conf" -N localhost 9>&- ||
    { show_log "$dir/log/slurmd.log"; die "slurmd did not start"; }
  if ! wait_for "$DEFSIM_SLURM_TIMEOUT" "node localhost to become idle" node_idle; then
    say "node state: $(node_state)"
    show_log "$dir/log/slurmd.log"
    show_log "$dir/log/slurmctld.log"
    die "the node did not become idle"
  fi
  say "up: controller on port $ctld_port, node localhost idle ($(sinfo -h -n localhost -o '%c CPUs'))"
  [[ -z $owner ]] || watch_owner
  echo "export SLURM_CONF=$conf"
}

# watch_owner: a detached watcher that runs `down` once process $owner has ended, unless
# the directory is gone by then (the owner cleaned up itself). It runs in its own session
# with no terminal or pipe of the caller's open, so a test runner that kills the owner's
# process group misses it and one that waits for the owner's output does not wait for it.
watch_owner() {
  # shellcheck disable=SC2016 # $1..$3 are the inner shell's arguments
  setsid bash -c 'while kill -0 "$1" 2>/dev/null; do sleep 1; done
                  [[ ! -f $2/slurm.conf ]] || exec "$3" down "$2"' \
    watch "$owner" "$dir" "$self" </dev/null >>"$dir/log/owner-watch.log" 2>&1 9>&- &
  say "will go down when process $owner ends (watcher pid $!)"
}

# ---- status ------------------------------------------------------------------------------

do_status() {
  local name pid rc=0
  for name in munged slurmctld slurmd; do
    if pid="$(pid_of "$name")"; then
      printf '%-10s running (pid %s)\n' "$name" "$pid"
    else
      printf '%-10s not running\n' "$name"
      rc=1
    fi
  done
  if ((rc == 0)) && controller_up; then
    echo "export SLURM_CONF=$conf"
    sinfo
    squeue
  else
    echo "cluster in $dir is not (fully) up"
    rc=1
  fi
  return "$rc"
}

# ---- main --------------------------------------------------------------------------------

if [[ $cmd == status ]]; then
  do_status
  exit
fi
require_root
require_packages
# The directory is ours only if we made it: `up` writes, chmods and clears parts of it, so
# it refuses a directory with other contents (a typo such as `up /tmp` must not touch /tmp).
marker="$dir/.defsim-slurm"
if [[ ! -e $marker ]]; then
  if [[ $cmd == down ]]; then
    say "not running (no cluster state in $dir)"
    exit 0
  fi
  if [[ -e $dir ]] && [[ ! -d $dir || -n $(ls -A "$dir") ]]; then
    die "$dir exists and is not a cluster.sh state directory; name a new or empty one"
  fi
  mkdir -p "$dir"
  touch "$marker"
fi
# One `up` or `down` at a time per directory (say, two test scripts sharing the default).
exec 9>"$dir/.lock"
flock -w 120 9 || die "another cluster.sh holds $dir/.lock"
if [[ $cmd == up ]]; then
  # A failed `up` leaves nothing running: stop whatever it had started.
  trap 'rc=$?; if ((rc != 0)); then say "bring-up failed: stopping what was started"; do_down || true; fi' EXIT
fi
"do_$cmd"
