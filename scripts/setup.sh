#!/usr/bin/env bash
# Installs every Debian 12 package defsim needs to build, test and plot.
#
#   scripts/setup.sh            install what is missing (as root), or say what to install
#   scripts/setup.sh --list     print the package list and exit
#   scripts/setup.sh --check    exit 0 if everything is installed, 1 (listing what is missing) if not
#
# Idempotent: when everything is present it makes one dpkg-query call and returns (tens of ms),
# without touching the network. `apt-get update` runs only when something must be installed.
# Recommended packages are never installed (about 80 s instead of 125 s on a fresh Debian 12).
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive

packages=(
  # toolchain
  build-essential cmake ninja-build pkg-config git ca-certificates
  # libraries (all header or shared libraries from Debian; see cmake/Dependencies.cmake)
  libeigen3-dev libtbb-dev libyaml-cpp-dev libhdf5-dev hdf5-tools zlib1g-dev
  libgtest-dev libgmock-dev libbenchmark-dev librandom123-dev libcli11-dev libfmt-dev libspdlog-dev
  # Python for reading output files and plotting (scripts/*.py)
  python3-h5py python3-numpy python3-matplotlib python3-pandas
  # sweeps at cluster scale (docs/CLUSTER.md): MPI for `defsim sweep` under mpirun/srun, and a
  # real Slurm with munge so the array-job scripts in scripts/slurm/ are tested on one machine
  openmpi-bin libopenmpi-dev slurm-wlm munge
)

mode=install
case "${1:-}" in
  "") ;;
  --list) printf '%s\n' "${packages[@]}"; exit 0 ;;
  --check) mode=check ;;
  -h|--help) sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
  *) echo "setup.sh: unknown argument '$1' (try --help)" >&2; exit 2 ;;
esac

if ! command -v dpkg-query >/dev/null 2>&1; then
  echo "setup.sh: this is not a Debian-based system (no dpkg-query); nothing installed." >&2
  echo "setup.sh: install the equivalents of these Debian 12 packages yourself:" >&2
  echo "  ${packages[*]}" >&2
  [[ $mode == check ]] && exit 1
  exit 0
fi

# One dpkg-query call for all packages. Unknown names make it exit 1 and complain on stderr;
# they simply do not appear in the output and so count as missing.
declare -A installed=()
while read -r name status; do
  # ${Status} is "want flag state"; the package is usable when the state is "installed".
  if [[ ${status##* } == installed ]]; then installed[$name]=1; fi
done < <(dpkg-query -W -f='${Package} ${Status}\n' "${packages[@]}" 2>/dev/null || true)

missing=()
for p in "${packages[@]}"; do
  [[ -n ${installed[$p]:-} ]] || missing+=("$p")
done

if ((${#missing[@]} == 0)); then
  echo "setup.sh: all ${#packages[@]} packages are installed."
  exit 0
fi

echo "setup.sh: missing ${#missing[@]} package(s): ${missing[*]}"
[[ $mode == check ]] && exit 1

if ((EUID != 0)); then
  {
    echo "setup.sh: not running as root, so nothing was installed. Run:"
    echo "  sudo apt-get update && sudo apt-get install -y --no-install-recommends ${missing[*]}"
    echo "or run this script as root: sudo scripts/setup.sh"
  } >&2
  exit 1
fi

apt_opts=(-o DPkg::Lock::Timeout=120 -q)
echo "setup.sh: apt-get update"
apt-get "${apt_opts[@]}" update
echo "setup.sh: apt-get install -y --no-install-recommends ${missing[*]}"
apt-get "${apt_opts[@]}" install -y --no-install-recommends "${missing[@]}"
echo "setup.sh: done; all ${#packages[@]} packages are installed."
