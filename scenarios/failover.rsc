# 2025-01-15 10:00:00 by RouterOS 7.18.2
# software id = SIM0-FOVR
#
# model = RB5009UG+S+
#
# pccmon scenario "failover": two equal WANs (as "two-wan") whose ISP2 gateway,
# 198.51.100.1, stops answering 15 s after start and comes back 45 s later, every 90 s.
# check-gateway=ping turns the routes through it inactive, and netwatch's down-script
# flushes the connections marked for WAN2 so they start again on WAN1. Connections that
# arrive on a WAN are marked for it, and the router's replies routed back through it.
/interface bridge
add comment="LAN" name=bridge
/interface ethernet
set [ find default-name=ether1 ] comment=WAN1
set [ find default-name=ether2 ] comment=WAN2
/interface list
add name=WAN
add name=LAN
/routing table
add fib name=wan1
add fib name=wan2
/interface bridge port
add bridge=bridge interface=ether3
add bridge=bridge interface=ether4
add bridge=bridge interface=ether5
/interface list member
add interface=ether1 list=WAN
add interface=ether2 list=WAN
add interface=bridge list=LAN
/ip address
add address=192.168.88.1/24 interface=bridge network=192.168.88.0
add address=203.0.113.2/24 interface=ether1 network=203.0.113.0
add address=198.51.100.2/24 interface=ether2 network=198.51.100.0
/ip firewall mangle
add action=accept chain=prerouting comment="Skip PCC for management" \
    dst-address=192.168.88.1
add action=mark-connection chain=prerouting comment="Inbound on WAN1" \
    connection-mark=no-mark in-interface=ether1 new-connection-mark=wan1_conn \
    passthrough=yes
add action=mark-connection chain=prerouting comment="Inbound on WAN2" \
    connection-mark=no-mark in-interface=ether2 new-connection-mark=wan2_conn \
    passthrough=yes
add action=mark-connection chain=prerouting comment="PCC LAN->WAN1" \
    connection-state=new in-interface=bridge new-connection-mark=wan1_conn \
    passthrough=yes per-connection-classifier=both-addresses-and-ports:2/0
add action=mark-routing chain=prerouting comment="Route WAN1 traffic" \
    connection-mark=wan1_conn in-interface=bridge new-routing-mark=wan1 \
    passthrough=no
add action=mark-connection chain=prerouting comment="PCC LAN->WAN2" \
    connection-state=new in-interface=bridge new-connection-mark=wan2_conn \
    passthrough=yes per-connection-classifier=both-addresses-and-ports:2/1
add action=mark-routing chain=prerouting comment="Route WAN2 traffic" \
    connection-mark=wan2_conn in-interface=bridge new-routing-mark=wan2 \
    passthrough=no
add action=mark-routing chain=output comment="Replies from the router, WAN1" \
    connection-mark=wan1_conn new-routing-mark=wan1 passthrough=no
add action=mark-routing chain=output comment="Replies from the router, WAN2" \
    connection-mark=wan2_conn new-routing-mark=wan2 passthrough=no
/ip firewall nat
add action=masquerade chain=srcnat comment="Masq WAN1" out-interface=ether1
add action=masquerade chain=srcnat comment="Masq WAN2" out-interface=ether2
/ip route
add check-gateway=ping dst-address=0.0.0.0/0 gateway=203.0.113.1 \
    routing-table=wan1
add check-gateway=ping dst-address=0.0.0.0/0 gateway=198.51.100.1 \
    routing-table=wan2
add check-gateway=ping distance=1 dst-address=0.0.0.0/0 gateway=203.0.113.1
add check-gateway=ping distance=2 dst-address=0.0.0.0/0 gateway=198.51.100.1
/tool netwatch
add comment=wan1 down-script=\
    "/ip firewall connection remove [find connection-mark=wan1_conn]" host=\
    203.0.113.1 interval=5s timeout=1s
add comment=wan2 down-script=\
    "/ip firewall connection remove [find connection-mark=wan2_conn]" host=\
    198.51.100.1 interval=5s timeout=1s
/system identity
set name=pcc-failover
