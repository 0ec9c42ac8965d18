import {test} from 'node:test';
import assert from 'node:assert/strict';
import {findWan} from '../../source/pcc/find-wan.js';
import {wan} from '../monitor/fixtures.js';

// RouterOS 6 names a WAN by its routing mark; a policy rule may send that mark to a table of another name.
const wans = [{...wan('wan1'), table: 'isp1_table'}, wan('wan2')];

test('a WAN is found by its name, routing mark, table or connection mark', () => {
	for (const text of ['wan1', 'isp1_table', 'wan1_conn']) assert.equal(findWan(wans, text)?.name, 'wan1', text);
	assert.equal(findWan(wans, 'wan3'), undefined);
	assert.equal(findWan([{...wan('wan1'), connectionMark: ''}], ''), undefined, 'an empty mark names nothing');
});
