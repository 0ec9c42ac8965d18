import {test} from 'node:test';
import assert from 'node:assert/strict';
import {classifierError, classifierFor, formatClassifier, parseClassifier} from '../../source/pcc/classifier.js';

test('reads every hash-field name with one remainder', () => {
	assert.deepEqual(parseClassifier('both-addresses-and-ports:3/2'), {
		valid: true, negated: false, hash: 'both-addresses-and-ports', denominator: 3, remainders: [2],
	});
	assert.deepEqual(parseClassifier('src-address-and-port:1/0').valid, true);
	assert.deepEqual(parseClassifier('!dst-address:4294967295/4294967295'), {
		valid: true, negated: true, hash: 'dst-address', denominator: 4_294_967_295, remainders: [4_294_967_295],
	});
});

test('a comma-separated remainder list is read but flagged invalid', () => {
	const parsed = parseClassifier('both-addresses-and-ports:10/0,1,2,3,4');
	assert.equal(parsed.valid, false);
	assert.deepEqual(parsed.remainders, [0, 1, 2, 3, 4]);
	assert.equal(parsed.hash, 'both-addresses-and-ports');
	assert.equal(parsed.denominator, 10);
	assert.match(classifierError('both-addresses-and-ports:10/0,1,2,3,4') ?? '', /one remainder per rule/);
});

test('garbage never throws and names what is wrong', () => {
	for (const text of ['', 'x', 'both-addresses', 'both-addresses:', 'both-addresses:3', 'both-addresses:0/0',
		'both-addresses:3/-1', 'both-addresses:4294967296/1', 'both-addresses:3/4294967296', 'src:3/1', ':/', '!!src-address:2/0']) {
		const parsed = parseClassifier(text);
		assert.equal(parsed.valid, false, text);
		assert.ok(classifierError(text), text);
	}
	assert.match(classifierError('src:3/1') ?? '', /unknown hash fields "src"/);
	assert.match(classifierError('both-addresses:0/0') ?? '', /denominator "0" out of range/);
	assert.match(classifierError('both-addresses:3/x') ?? '', /remainder "x" out of range/);
	assert.equal(classifierError('both-addresses:3/1'), undefined);
});

test('format gives back what RouterOS prints', () => {
	for (const text of ['both-addresses:3/2', '!src-port:2/0', 'both-addresses-and-ports:10/0,1']) {
		assert.equal(formatClassifier(parseClassifier(text)), text);
	}
	assert.equal(classifierFor('both-ports', 5, 4), 'both-ports:5/4');
});
