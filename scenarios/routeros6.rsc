# jan/15/2025 10:00:00 by RouterOS 6.49.7
# software id = SIM0-ROS6
#
# model = RB750Gr3
#
# pccmon scenario "routeros6": a RouterOS 6.49 PCC set-up. Two WANs 1:1 over both
# addresses; routing marks (not routing tables) choose the WAN, routes carry
# routing-mark, and an /ip route rule keeps LAN-to-LAN traffic in the main table.
# Inbound connections per WAN are marked so replies leave where they came in.
/interface bridge
add comment=LAN name=bridge
/interface ethernet
set [ find default-name=ether1 ] comment=WAN1
set [ find default-name=ether2 ] comment=WAN2
/interface list
add name=WAN
add name=LAN
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
add action=accept chain=prerouting dst-address=203.0.113.0/24 in-interface=bridge
add action=accept chain=prerouting dst-address=198.51.100.0/24 in-interface=bridge
add action=mark-connection chain=prerouting connection-mark=no-mark \
    in-interface=ether1 new-connection-mark=WAN1_conn passthrough=yes
add action=mark-connection chain=prerouting connection-mark=no-mark \
    in-interface=ether2 new-connection-mark=WAN2_conn passthrough=yes
add action=mark-connection chain=prerouting connection-mark=no-mark \
    dst-address-type=!local in-interface=bridge new-connection-mark=WAN1_conn \
    passthrough=yes per-connection-classifier=both-addresses:2/0
add action=mark-connection chain=prerouting connection-mark=no-mark \
    dst-address-type=!local in-interface=bridge new-connection-mark=WAN2_conn \
    passthrough=yes per-connection-classifier=both-addresses:2/1
add action=mark-routing chain=prerouting connection-mark=WAN1_conn \
    in-interface=bridge new-routing-mark=to_WAN1 passthrough=yes
add action=mark-routing chain=prerouting connection-mark=WAN2_conn \
    in-interface=bridge new-routing-mark=to_WAN2 passthrough=yes
add action=mark-routing chain=output connection-mark=WAN1_conn \
    new-routing-mark=to_WAN1 passthrough=yes
add action=mark-routing chain=output connection-mark=WAN2_conn \
    new-routing-mark=to_WAN2 passthrough=yes
/ip firewall nat
add action=masquerade chain=srcnat out-interface=ether1
add action=masquerade chain=srcnat out-interface=ether2
/ip route
add check-gateway=ping distance=1 gateway=203.0.113.1 routing-mark=to_WAN1
add check-gateway=ping distance=1 gateway=198.51.100.1 routing-mark=to_WAN2
add check-gateway=ping distance=1 gateway=203.0.113.1
add check-gateway=ping distance=2 gateway=198.51.100.1
/ip route rule
add action=lookup-only-in-table dst-address=192.168.88.0/24 table=main
/system identity
set name=pcc-routeros6
