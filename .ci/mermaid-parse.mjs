// A Mermaid parser on the command line, for tests/it/graph.rs: the `mermaid` package from the npm
// registry (its own flowchart parser, the one GitHub's renderer runs), in Node with jsdom as the
// DOM it expects. @mermaid-js/mermaid-cli would need a Chrome download this CI cannot make.
//
//   node .ci/mermaid-parse.mjs --version   the mermaid package's version
//   node .ci/mermaid-parse.mjs FILE        parses FILE; prints what Mermaid read as JSON
//                                          ({type, vertices: [{id, text, shape, classes}],
//                                          edges: [{from, to, type, stroke, text}]}), each
//                                          label decoded as Mermaid shows it (entity codes and
//                                          <br> line breaks); exit 1 with the parse error.
//
// The packages are found in ORGLINT_NODE_MODULES (.ci/run installs them and sets it).
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const modules = process.env.ORGLINT_NODE_MODULES;
if (!modules) {
  console.error("ORGLINT_NODE_MODULES is not set (the node_modules holding mermaid and jsdom)");
  process.exit(2);
}
const require = createRequire(join(modules, "noop.js"));
const args = process.argv.slice(2);
if (args[0] === "--version") {
  console.log(`mermaid ${require("mermaid/package.json").version}`);
  process.exit(0);
}
const { JSDOM } = require("jsdom");
const dom = new JSDOM("<!doctype html><html><body></body></html>");
globalThis.window = dom.window;
globalThis.document = dom.window.document;
const { default: mermaid } = await import(pathToFileURL(require.resolve("mermaid")).href);
mermaid.initialize({ startOnLoad: false, securityLevel: "strict" });

// What a label shows: Mermaid's placeholders back to entities, our <br> to a line break, then
// the entities decoded as HTML decodes them (a textarea's content is text, never markup).
const area = dom.window.document.createElement("textarea");
function shown(text) {
  const entities = text
    .replace(/\uFB02\u00B0\u00B0/g, "&#")
    .replace(/\uFB02\u00B0/g, "&")
    .replace(/\u00B6\u00DF/g, ";");
  return entities
    .split("<br>")
    .map((part) => {
      area.innerHTML = part;
      return area.value;
    })
    .join("\n");
}

const source = readFileSync(args[0], "utf8");
try {
  await mermaid.parse(source);
  const diagram = await mermaid.mermaidAPI.getDiagramFromText(source);
  const vertices = [...diagram.db.getVertices().values()].map((v) => ({
    id: v.id,
    text: shown(v.text),
    shape: v.type,
    classes: v.classes,
  }));
  const edges = diagram.db.getEdges().map((e) => ({
    from: e.start,
    to: e.end,
    type: e.type,
    stroke: e.stroke,
    text: shown(e.text),
  }));
  console.log(JSON.stringify({ type: diagram.type, vertices, edges }, null, 1));
} catch (e) {
  console.error(String(e.message ?? e));
  process.exit(1);
}
