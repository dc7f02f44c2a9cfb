# SPDX-License-Identifier: MIT
# harness_isolation.sh - guest half of harness_isolation.test.sh: read
# the greeting behind the forwarded portal, then try the host through
# qemu's gateway address, which restrict=on must drop.

mark "fwd=$(timeout 10 nc 10.0.2.100 3260 </dev/null | head -c 64)"
echo leak | timeout 3 nc 10.0.2.2 "$E2E_PORT" >/dev/null 2>&1
mark "gw_rc=$?"
echo leak | timeout 3 nc 10.0.2.100 "$E2E_PORT" >/dev/null 2>&1
mark "other_port_rc=$?"
