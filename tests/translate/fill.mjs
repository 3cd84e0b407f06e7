// A second XLIFF consumer for tests/it/translate.rs: the `xliff` package
// (npm) reads helder's export, gives every unit a target made from its
// source (text in capitals, inline elements kept as the package read them)
// and writes the file again with its own writer.
//
//     node fill.mjs IN.xlf OUT.xlf

import { readFileSync, writeFileSync } from "node:fs";
import { jsToXliff12, xliff12ToJs } from "xliff";

/** The source with its text in capitals, inline elements kept. */
function shout(value) {
  if (typeof value === "string") return value.toUpperCase();
  if (Array.isArray(value)) return value.map(shout);
  const out = {};
  for (const [kind, element] of Object.entries(value)) {
    out[kind] = { ...element, contents: element.contents === undefined ? undefined : shout(element.contents) };
  }
  return out;
}

const [input, output] = process.argv.slice(2);
const js = await xliff12ToJs(readFileSync(input, "utf8"));
let filled = 0;
for (const units of Object.values(js.resources)) {
  for (const unit of Object.values(units)) {
    unit.target = shout(unit.source);
    filled += 1;
  }
}
writeFileSync(output, await jsToXliff12(js));
console.log(`filled ${filled} units`);
