#!/bin/bash
# Submit a sharded rmtsim study and its merge, chained so that the merge runs
# only once every array task has succeeded. Arguments go to the sbatch of the
# array (e.g. --array=0-99 --partition=short). The environment (RMTSIM, STUDY,
# SEED, SHARDS, FORMAT, RESULT, PLOT) reaches the jobs: sbatch exports it.
#
#   STUDY="critical -n 8 -realizations 2000" ./submit.sh --array=0-99
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
array=$(sbatch --parsable "$@" "$here/shards.sbatch")
array=${array%%;*} # drop a cluster name
sbatch --parsable --dependency="afterok:$array" --kill-on-invalid-dep=yes "$here/merge.sbatch"
