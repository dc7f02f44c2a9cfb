#!/bin/bash
# SPDX-License-Identifier: MIT
# fetch-kernel.sh - fill the e2e kernel cache ahead of time (for setup
# scripts and machines that lose the network later): downloads Debian's
# kernel package, unpacks it and extracts vmlinux and modules.dep into
# ${ISCSIBOX_DEPS_DIR:-<source>/.deps}/kernel/<version>/, then prints that
# version. The tests do the same on demand; running it twice is cheap.
set -euo pipefail
ISCSIBOX_SRC=${ISCSIBOX_SRC:-$(cd "$(dirname "$0")/../.." && pwd)}
. "$ISCSIBOX_SRC/tests/e2e/lib/kernel.sh"
kernel_prepare
echo "$KERNEL_VERSION"
