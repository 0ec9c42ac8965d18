# 2025-01-15 10:00:00 by RouterOS 7.18.2
# software id = SIM0-3WAN
#
# model = RB5009UG+S+
#
# pccmon scenario "three-wan-weighted": three WANs weighted 5/3/2 over 10 PCC buckets
# (seed 000's 3-WAN recipe). RouterOS takes one remainder per rule, so the seed's
# `:10/0,1,2,3,4` is written as five rules marking wan1_conn, three marking wan2_conn and
# two marking wan3_conn. ISP gateways: 203.0.113.1, 198.51.100.1, 192.0.2.1.
/interface bridge
add comment="LAN" name=bridge
/interface ethernet
set [ find default-name=ether1 ] comment=ISP1
set [ find default-name=ether2 ] comment=ISP2
set [ find default-name=ether3 ] comment=ISP3
/interface list
add name=WAN
add name=LAN
/routing table
add fib name=wan1
add fib name=wan2
add fib name=wan3
/interface bridge port
add bridge=bridge interface=ether4
add bridge=bridge interface=ether5
/interface list member
add interface=ether1 list=WAN
add interface=ether2 list=WAN
add interface=ether3 list=WAN
add interface=bridge list=LAN
/ip address
add address=192.168.88.1/24 interface=bridge network=192.168.88.0
add address=203.0.113.2/24 interface=ether1 network=203.0.113.0
add address=198.51.100.2/24 interface=ether2 network=198.51.100.0
add address=192.0.2.2/24 interface=ether3 network=192.0.2.0
/ip firewall mangle
add action=accept chain=prerouting comment="Skip PCC for LAN-local traffic" \
    dst-address=192.168.88.0/24 in-interface=bridge
add action=mark-connection chain=prerouting comment="ISP1 5/10" \
    connection-state=new in-interface=bridge new-connection-mark=wan1_conn \
    passthrough=yes per-connection-classifier=both-addresses-and-ports:10/0
add action=mark-connection chain=prerouting comment="ISP1 5/10" \
    connection-state=new in-interface=bridge new-connection-mark=wan1_conn \
    passthrough=yes per-connection-classifier=both-addresses-and-ports:10/1
add action=mark-connection chain=prerouting comment="ISP1 5/10" \
    connection-state=new in-interface=bridge new-connection-mark=wan1_conn \
    passthrough=yes per-connection-classifier=both-addresses-and-ports:10/2
add action=mark-connection chain=prerouting comment="ISP1 5/10" \
    connection-state=new in-interface=bridge new-connection-mark=wan1_conn \
    passthrough=yes per-connection-classifier=both-addresses-and-ports:10/3
add action=mark-connection chain=prerouting comment="ISP1 5/10" \
    connection-state=new in-interface=bridge new-connection-mark=wan1_conn \
    passthrough=yes per-connection-classifier=both-addresses-and-ports:10/4
add action=mark-connection chain=prerouting comment="ISP2 3/10" \
    connection-state=new in-interface=bridge new-connection-mark=wan2_conn \
    passthrough=yes per-connection-classifier=both-addresses-and-ports:10/5
add action=mark-connection chain=prerouting comment="ISP2 3/10" \
    connection-state=new in-interface=bridge new-connection-mark=wan2_conn \
    passthrough=yes per-connection-classifier=both-addresses-and-ports:10/6
add action=mark-connection chain=prerouting comment="ISP2 3/10" \
    connection-state=new in-interface=bridge new-connection-mark=wan2_conn \
    passthrough=yes per-connection-classifier=both-addresses-and-ports:10/7
add action=mark-connection chain=prerouting comment="ISP3 2/10" \
    connection-state=new in-interface=bridge new-connection-mark=wan3_conn \
    passthrough=yes per-connection-classifier=both-addresses-and-ports:10/8
add action=mark-connection chain=prerouting comment="ISP3 2/10" \
    connection-state=new in-interface=bridge new-connection-mark=wan3_conn \
    passthrough=yes per-connection-classifier=both-addresses-and-ports:10/9
add action=mark-routing chain=prerouting connection-mark=wan1_conn \
    in-interface=bridge new-routing-mark=wan1 passthrough=no
add action=mark-routing chain=prerouting connection-mark=wan2_conn \
    in-interface=bridge new-routing-mark=wan2 passthrough=no
add action=mark-routing chain=prerouting connection-mark=wan3_conn \
    in-interface=bridge new-routing-mark=wan3 passthrough=no
/ip firewall nat
add action=masquerade chain=srcnat out-interface=ether1
add action=masquerade chain=srcnat out-interface=ether2
add action=masquerade chain=srcnat out-interface=ether3
/ip route
add check-gateway=ping dst-address=0.0.0.0/0 gateway=203.0.113.1 \
    routing-table=wan1
add check-gateway=ping dst-address=0.0.0.0/0 gateway=198.51.100.1 \
    routing-table=wan2
add check-gateway=ping dst-address=0.0.0.0/0 gateway=192.0.2.1 \
    routing-table=wan3
add check-gateway=ping distance=1 dst-address=0.0.0.0/0 gateway=203.0.113.1
add check-gateway=ping distance=2 dst-address=0.0.0.0/0 gateway=198.51.100.1
add check-gateway=ping distance=3 dst-address=0.0.0.0/0 gateway=192.0.2.1
/system identity
set name=pcc-three-wan
