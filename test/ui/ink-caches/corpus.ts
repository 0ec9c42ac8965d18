/** Lines of the kinds Ink lays out: pccmon's own, and the ones the fast paths must refuse. */
const esc = '\u001B';
export const corpus: string[] = [
	'',
	'plain ascii line with numbers 1,234 and 56%',
	`${esc}[36m› ${esc}[39m${esc}[7mwan1           0,1,2…  50%  1,869    50%${esc}[27m`,
	`${esc}[1m${esc}[36mpccmon ${esc}[39m${esc}[22mpcc-three-wan  RouterOS 7.18.2  up 24m2s`,
	`  1.8k${esc}[36m┼────${esc}[39m╮  ${esc}[35m╭╯${esc}[39m`,
	'▁▂▃▄▅▆▇█ ░ ━ ─ │ ┤ ╭ ╮ ╰ ╯ ┼ ╴ ╶',
	`${esc}[32m✓${esc}[39m up  ${esc}[31m✗ down${esc}[39m  ⚠ ◌ ● ▶ ▲ ▼ ❚ ← → ↑ ↓ − – — · …`,
	`${esc}[1;31mcompound${esc}[0m and ${esc}[38;5;208m256 colours${esc}[39m and ${esc}[38;2;1;2;3mtrue colour${esc}[39m`,
	`${esc}[1m${esc}[2mbold and dim${esc}[22m`,
	'ünïcödé Latin-1 ©®±×÷',
	'漢字 and かな are wide',
	'emoji 👍🏽 and flags 🇩🇪 and ZWJ 👨‍👩‍👧',
	'◽◾ are drawn as emoji',
	'combining e\u0301 and keycap 1\u20E3 and variation ▶\uFE0F',
	'soft\u00ADhyphen and zero\u200Bwidth',
	'hangul ᄀ\u1161 jamo',
	`${esc}]8;;https://example.com${'\u0007'}link${esc}]8;;${'\u0007'}`,
	'tab\there',
];
