# 2025-01-15 10:00:00 by RouterOS 7.18.2
# software id = SIM0-PPPO
#
# model = RB5009UG+S+
#
# pccmon scenario "pppoe-2to1": seed 001's set-up written out in full, including the
# routing tables and routes the seed shows only as screenshots. ISP1 (30 Mbps) is a DHCP
# WAN on ether1, ISP2 (10 Mbps) a PPPoE WAN (pppoe-out1 over ether2); the LAN bridge is
# USER_01. New LAN connections are split 2:1 over three PCC buckets (3/0 and 3/1 to ISP1,
# 3/2 to ISP2). Connections coming in from each WAN are marked in the input chain and the
# router's replies are routed back out the same WAN by output-chain mark-routing.
/interface bridge
add comment=LAN name=USER_01
/interface ethernet
set [ find default-name=ether1 ] comment="ISP1 (DHCP)"
set [ find default-name=ether2 ] comment="ISP2 (PPPoE)"
/interface pppoe-client
add add-default-route=yes default-route-distance=2 disabled=no interface=ether2 \
    name=pppoe-out1 user=customer@isp2.example
/interface list
add name=WAN
add name=LAN
/routing table
add fib name=isp1
add fib name=isp2
/interface bridge port
add bridge=USER_01 interface=ether3
add bridge=USER_01 interface=ether4
add bridge=USER_01 interface=ether5
/interface list member
add interface=ether1 list=WAN
add interface=pppoe-out1 list=WAN
add interface=USER_01 list=LAN
/ip address
add address=192.168.10.1/24 interface=USER_01 network=192.168.10.0
/ip dhcp-client
add comment=isp1 default-route-distance=1 interface=ether1 script=":if (\$bound=1\
    ) do={\r\
    \n:local gwip \$\"gateway-address\"\r\
    \n:log info \$gwip\r\
    \n/ip route set gateway=\$gwip [find comment=\"isp1\"]\r\
    \n}"
/ip firewall mangle
add action=mark-connection chain=input comment="inbound via ISP1" \
    connection-mark=no-mark connection-state=new in-interface=ether1 \
    new-connection-mark=isp1_conn passthrough=yes
add action=mark-connection chain=input comment="inbound via ISP2" \
    connection-mark=no-mark connection-state=new in-interface=pppoe-out1 \
    new-connection-mark=isp2_conn passthrough=yes
add action=mark-routing chain=output connection-mark=isp2_conn \
    new-routing-mark=isp2 passthrough=yes
add action=mark-routing chain=output connection-mark=isp1_conn \
    new-routing-mark=isp1 passthrough=yes
add action=mark-connection chain=prerouting comment="stream 1 -> ISP1" \
    connection-mark=no-mark connection-state=new dst-address-type=!local \
    in-interface=USER_01 new-connection-mark=isp1_conn passthrough=yes \
    per-connection-classifier=both-addresses-and-ports:3/0
add action=mark-connection chain=prerouting comment="stream 2 -> ISP1" \
    connection-mark=no-mark connection-state=new dst-address-type=!local \
    in-interface=USER_01 new-connection-mark=isp1_conn passthrough=yes \
    per-connection-classifier=both-addresses-and-ports:3/1
add action=mark-connection chain=prerouting comment="stream 3 -> ISP2" \
    connection-mark=no-mark connection-state=new dst-address-type=!local \
    in-interface=USER_01 new-connection-mark=isp2_conn passthrough=yes \
    per-connection-classifier=both-addresses-and-ports:3/2
add action=mark-routing chain=prerouting connection-mark=isp1_conn \
    in-interface=USER_01 new-routing-mark=isp1 passthrough=yes
add action=mark-routing chain=prerouting connection-mark=isp2_conn \
    in-interface=USER_01 new-routing-mark=isp2 passthrough=yes
/ip firewall nat
add action=masquerade chain=srcnat out-interface=ether1
add action=masquerade chain=srcnat out-interface=pppoe-out1
/ip route
add check-gateway=ping comment=isp1 distance=1 dst-address=0.0.0.0/0 \
    gateway=100.64.10.1 routing-table=isp1
add distance=2 dst-address=0.0.0.0/0 gateway=pppoe-out1 routing-table=isp1
add distance=1 dst-address=0.0.0.0/0 gateway=pppoe-out1 routing-table=isp2
add check-gateway=ping comment=isp1 distance=2 dst-address=0.0.0.0/0 \
    gateway=100.64.10.1 routing-table=isp2
/system identity
set name=pcc-pppoe-2to1
