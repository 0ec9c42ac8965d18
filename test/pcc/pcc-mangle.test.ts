import {test} from 'node:test';
import assert from 'node:assert/strict';
import {discover} from '../../source/pcc/discover.js';
import {config, mangleRows} from '../monitor/fixtures.js';

test('discovery lists the rules that make PCC work: classifiers, the jump to them, the mark-routing rules', () => {
	assert.deepEqual(discover(config).pccMangleIds, ['*2', '*3', '*4', '*5', '*6', '*7', '*8', '*9']);
});

test('a rule switched off as an export writes it (disabled=yes) or that the router marks invalid is not listed', () => {
	const mangle = mangleRows.map(row => (row['.id'] === '*8' ? {...row, disabled: 'yes'} : row['.id'] === '*9' ? {...row, invalid: 'true'} : row));
	assert.deepEqual(discover({...config, mangle}).pccMangleIds, ['*2', '*3', '*4', '*5', '*6', '*7']);
});
