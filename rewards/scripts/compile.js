// Compiles contracts/*.sol with solcjs (the version pinned in package.json) into the ABI and bytecode that
// the repository keeps under src/main/resources/contracts/, from which the Maven build generates the Java
// wrapper: the build itself never needs node. Run after changing a contract: npm ci && npm run compile
const fs = require("fs");
const path = require("path");
const solc = require("solc");

const root = path.join(__dirname, "..");
const out = path.join(root, "src/main/resources/contracts");
const sources = {};
for (const f of fs.readdirSync(path.join(root, "contracts")).filter((f) => f.endsWith(".sol"))) {
  sources[f] = { content: fs.readFileSync(path.join(root, "contracts", f), "utf8") };
}
const input = {
  language: "Solidity",
  sources,
  settings: {
    evmVersion: "cancun", // OpenZeppelin 5 uses mcopy; the local node runs the cancun hardfork
    optimizer: { enabled: true, runs: 200 },
    outputSelection: { "*": { "*": ["abi", "evm.bytecode.object"] } },
  },
};
function findImports(p) {
  try {
    return { contents: fs.readFileSync(require.resolve(p, { paths: [root] }), "utf8") };
  } catch (e) {
    return { error: "not found: " + p };
  }
}
const result = JSON.parse(solc.compile(JSON.stringify(input), { import: findImports }));
const errors = (result.errors || []).filter((e) => e.severity === "error");
(result.errors || []).forEach((e) => console.error(e.formattedMessage));
if (errors.length) process.exit(1);
fs.mkdirSync(out, { recursive: true });
for (const file of Object.keys(sources)) {
  for (const [name, c] of Object.entries(result.contracts[file])) {
    fs.writeFileSync(path.join(out, name + ".abi"), JSON.stringify(c.abi, null, 1) + "\n");
    fs.writeFileSync(path.join(out, name + ".bin"), c.evm.bytecode.object);
    console.log(`${name}: ${c.evm.bytecode.object.length / 2} bytes, solc ${solc.version()}`);
  }
}
