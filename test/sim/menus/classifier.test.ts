import {test} from 'node:test';
import assert from 'node:assert/strict';
import {hashFields} from '../../../source/sim/model/classifier.js';
import {makeRouter} from '../helpers/sim-router.js';

const mangle = '/ip/firewall/mangle';

function addRule(classifier: string) {
	const {router} = makeRouter();
	const result = router.run(`${mangle}/add`, {chain: 'prerouting', action: 'mark-connection', 'new-connection-mark': 'a', 'per-connection-classifier': classifier});
	return {traps: result.traps, printed: router.run(`${mangle}/print`).rows[0]?.['per-connection-classifier']};
}

test('the router takes a classifier with every hash field set and prints it plainly', () => {
	for (const fields of hashFields) assert.equal(addRule(`${fields}:3/2`).printed, `${fields}:3/2`);
	assert.equal(addRule(' !dst-address:004/0 ').printed, '!dst-address:4/0');
	assert.equal(addRule('src-port:4294967295/4294967295').printed, 'src-port:4294967295/4294967295');
});

test('the router refuses a classifier outside the grammar and says what is wrong', () => {
	const refused = (text: string) => {
		const {traps, printed} = addRule(text);
		assert.equal(printed, undefined, text);
		assert.equal(traps.length, 1, text);
		return traps[0];
	};
	assert.match(refused('both-addresses-and-ports:10/0,1,2,3,4'), /"0,1,2,3,4" is a list; give one remainder per rule/);
	assert.match(refused('src:3/1'), /unknown hash fields "src"/);
	assert.match(refused('both-addresses:0/0'), /denominator "0" out of range \(1\.\.4294967295\)/);
	assert.match(refused('both-addresses:3/x'), /remainder "x" out of range/);
	assert.match(refused('both-addresses'), /expected fields:denominator\/remainder/);
	for (const text of ['both-addresses:', 'both-addresses:3', 'both-addresses:3/-1', 'both-addresses:4294967296/1',
		'both-addresses:3/4294967296', ':/', '!!src-address:2/0', 'both-addresses:3/1/2']) {
		assert.match(refused(text), /^invalid value for argument per-connection-classifier: /, text);
	}
});
