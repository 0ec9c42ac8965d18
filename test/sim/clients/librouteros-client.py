"""Drives a simulated router with librouteros, as a Python monitoring tool would.

Usage: librouteros-client.py PORT LOGIN (LOGIN is `plain` or `token`). Prints one JSON object:
what each step saw, for the Node test to judge. A step that raises records the exception's
type and text instead of stopping the run.
"""

import json
import sys

from librouteros import connect
from librouteros.exceptions import MultiTrapError, TrapError
from librouteros.login import plain, token
from librouteros.query import Key

port = int(sys.argv[1])
login = {'plain': plain, 'token': token}[sys.argv[2]]
seen = {}


def step(name):
    def run(body):
        try:
            seen[name] = body()
        except MultiTrapError as error:
            seen[name] = {'multitrap': [[trap.message, trap.category] for trap in error.traps]}
        except TrapError as error:
            seen[name] = {'trap': error.message, 'category': error.category}
        except Exception as error:  # noqa: BLE001 - the test reports whatever went wrong
            seen[name] = {'error': type(error).__name__, 'text': str(error)}
        return body
    return run


def api_for(user, password):
    return connect(host='127.0.0.1', port=port, username=user, password=password, login_method=login, timeout=10)


api = api_for('admin', '')
addresses = api.path('ip', 'address')
_id, address, comment = Key('.id'), Key('address'), Key('comment')


@step('identity')
def _():
    return [row['name'] for row in api('/system/identity/print')]


@step('resource')
def _():
    row = next(iter(api.path('system', 'resource')))
    return {'uptime': row['uptime'], 'cpu-count': row['cpu-count'], 'total-memory': row['total-memory']}


@step('add_and_select')
def _():
    created = addresses.add(interface='ether2', address='198.51.100.7/24', comment='from python')
    rows = tuple(addresses.select(_id, address).where(_id == created, address == '198.51.100.7/24'))
    return {'id': created, 'rows': rows}


@step('in_operator')
def _():
    wanted = {'198.51.100.7/24', '203.0.113.9/24'}
    addresses.add(interface='ether2', address='203.0.113.9/24')
    return sorted(row['address'] for row in addresses.select(address).where(address.In(*wanted)))


@step('booleans')
def _():
    interfaces = api.path('interface')
    name = Key('name')
    interfaces.update(**{'.id': 'ether5', 'disabled': True})
    return {
        'running': sorted(row['name'] for row in interfaces.select(name, Key('running')).where(Key('running') == True)),  # noqa: E712
        'not_disabled': len(tuple(interfaces.select(name).where(Key('disabled') == False))),  # noqa: E712
        'all': len(tuple(interfaces.select(name))),
        'static_routes': len(tuple(api.path('ip', 'route').select(_id).where(Key('static') == True))),  # noqa: E712
        'typed_running': [type(row['running']).__name__ for row in interfaces.select(Key('running'))][:1],
    }


@step('proplist_of_missing_property')
def _():
    return tuple(addresses.select(Key('no-such-property')))[:1]


@step('long_word')
def _():
    text = 'a' * (256 - len('=comment='))
    created = addresses.add(interface='ether2', address='192.0.2.44/24', comment=text)
    rows = tuple(addresses.select(comment).where(_id == created))
    return len(rows[0]['comment'])


@step('update')
def _():
    created = seen['add_and_select']['id']
    addresses.update(**{'.id': created, 'address': '198.51.100.8/24', 'disabled': True})
    return tuple(addresses.select(address, Key('disabled')).where(_id == created))


@step('remove')
def _():
    created = seen['add_and_select']['id']
    addresses.remove(created)
    return tuple(addresses.select(_id).where(_id == created))


@step('empty_print')
def _():
    return tuple(api.path('ip', 'address').select(_id).where(comment == 'nobody wrote this'))


@step('ditched_generator')
def _():
    for _row in api.path('ip', 'address'):
        break
    return all('mtu' in row and 'mac-address' in row for row in api.path('interface'))


@step('bad_value')
def _():
    return addresses.add(interface='no-such-port', address='192.0.2.50/24')


@step('unknown_parameter')
def _():
    return addresses.add(interface='ether2', address='192.0.2.51/24', colour='blue')


@step('unknown_menu')
def _():
    return tuple(api('/ip/adress/print'))


@step('no_slash')
def _():
    return tuple(api('ip/address/print'))


@step('no_such_item')
def _():
    return addresses.remove('*FFFFF')


@step('read_only_user')
def _():
    reader = api_for('reader', 'r')
    try:
        rows = len(tuple(reader.path('ip', 'address')))
        try:
            reader.path('ip', 'address').add(interface='ether2', address='192.0.2.52/24')
            added = 'added'
        except TrapError as error:
            added = error.message
        return {'rows': rows, 'add': added}
    finally:
        reader.close()


@step('monitoring')
def _():
    return {
        'package': next(iter(api.path('system', 'package')))['name'],
        'active': sorted({(row['name'], row['via']) for row in api.path('user', 'active')}),
        'cpus': len(tuple(api.path('system', 'resource', 'cpu'))),
        'ether1': [(row['name'], row['status'], row['full-duplex']) for row in api('/interface/ethernet/monitor', numbers='ether1', once=True)],
    }


@step('new_account')
def _():
    api.path('user').add(name='ops', group='read', password='s3cret')
    ops = api_for('ops', 's3cret')
    try:
        rows = len(tuple(ops.path('interface')))
        try:
            ops.path('user').add(name='eve', group='full', password='x')
            added = 'added'
        except TrapError as error:
            added = error.message
        return {'rows': rows, 'add': added}
    finally:
        ops.close()


@step('wrong_password')
def _():
    api_for('admin', 'not the password')
    return 'logged in'


api.close()
print(json.dumps(seen))
