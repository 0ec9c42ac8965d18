import {test} from 'node:test';
import assert from 'node:assert/strict';
import {parseWeightArgs} from '../../source/commands/weight-args.js';
import {discover} from '../../source/pcc/discover.js';
import {WeightError} from '../../source/pcc/weight-error.js';
import {cleanV7} from '../pcc/helpers/configs.js';
import {seedTwoToOne} from '../pcc/helpers/seeds.js';

test('weight arguments: WAN by name, routing mark, table or connection mark; one clear line for each mistake', () => {
	const topology = discover(seedTwoToOne('prerouting'));
	assert.deepEqual(parseWeightArgs(['isp1=1', 'isp2_conn=1'], topology), {isp1: 1, isp2: 1});
	assert.deepEqual(parseWeightArgs(['isp2=0'], topology), {isp1: 2, isp2: 0}, 'unnamed WANs keep their buckets');
	const mistakes: Array<[string[], RegExp]> = [
		[['isp1'], /"isp1" is not WAN=N; write e.g. isp1=2/],
		[['isp9=1'], /no WAN "isp9"; the WANs are isp1, isp2/],
		[['isp1=-1'], /whole number, 0 or more, got "-1"/],
		[['isp1=1.5'], /got "1.5"/],
		[['isp1=1', 'isp1_conn=2'], /isp1 is given twice/],
	];
	for (const [args, message] of mistakes) assert.throws(() => parseWeightArgs(args, topology), (error: Error) => error instanceof WeightError && message.test(error.message));
	const config = seedTwoToOne('prerouting');
	assert.throws(() => parseWeightArgs(['a=1'], discover({...config, mangle: []})), /no PCC rules to reweight/);
});

test('weights takes a WAN by its table name as flush does', () => {
	const topology = discover(cleanV7());
	const [first] = topology.wans;
	const renamed = {...topology, wans: topology.wans.map(wan => (wan === first ? {...wan, table: `${wan.name}_table`} : wan))};
	assert.equal(parseWeightArgs([`${first.name}_table=3`], renamed)[first.name], 3);
});
