# 2025-01-15 10:00:00 by RouterOS 7.18.2
# software id = SIM0-BAD0
#
# model = RB5009UG+S+
#
# pccmon scenario "misconfigured": a two-WAN PCC set-up with the mistakes the problem
# checks look for, each marked below with "MISTAKE". Everything loads: RouterOS accepts
# all of it, the set-up just does not do what its author meant.
/interface bridge
add comment=LAN name=bridge
/interface ethernet
set [ find default-name=ether1 ] comment=WAN1
set [ find default-name=ether2 ] comment=WAN2
/routing table
add fib name=wan1
add fib name=wan2
/interface bridge port
add bridge=bridge interface=ether3
add bridge=bridge interface=ether4
/ip address
add address=192.168.88.1/24 interface=bridge network=192.168.88.0
add address=203.0.113.2/24 interface=ether1 network=203.0.113.0
add address=198.51.100.2/24 interface=ether2 network=198.51.100.0
/ip firewall mangle
# MISTAKE: three buckets, but only 3/0 and 3/1 are assigned; 3/2 stays unmarked.
add action=mark-connection chain=prerouting connection-mark=no-mark \
    connection-state=new in-interface=bridge new-connection-mark=wan1_conn \
    passthrough=yes per-connection-classifier=both-addresses-and-ports:3/0
add action=mark-connection chain=prerouting connection-mark=no-mark \
    connection-state=new in-interface=bridge new-connection-mark=wan2_conn \
    passthrough=yes per-connection-classifier=both-addresses-and-ports:3/1
add action=mark-routing chain=prerouting connection-mark=wan1_conn \
    in-interface=bridge new-routing-mark=wan1 passthrough=no
# MISTAKE: marks routing by the classifier instead of the connection mark, so it
# re-hashes every packet and ignores what the connection was marked with.
add action=mark-routing chain=prerouting in-interface=bridge \
    new-routing-mark=wan2 passthrough=no \
    per-connection-classifier=both-addresses-and-ports:3/1
/ip firewall nat
# MISTAKE: no masquerade for ether2.
add action=masquerade chain=srcnat out-interface=ether1
/ip route
# MISTAKE: no check-gateway on any route: a dead gateway keeps its route active.
add dst-address=0.0.0.0/0 gateway=203.0.113.1 routing-table=wan1
add dst-address=0.0.0.0/0 gateway=198.51.100.1 routing-table=wan2
add distance=1 dst-address=0.0.0.0/0 gateway=203.0.113.1
add distance=2 dst-address=0.0.0.0/0 gateway=198.51.100.1
/tool netwatch
# MISTAKE: a WAN going down flushes every connection, not just that WAN's.
add comment=wan2 down-script="/ip firewall connection remove [find]" \
    host=198.51.100.1
/system identity
set name=pcc-misconfigured
