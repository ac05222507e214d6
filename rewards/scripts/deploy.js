// Deploys KhanaenCoupons to a node whose accounts are unlocked (the local hardhat node) with plain JSON-RPC
// and prints its address. Usage: node scripts/deploy.js [rpc-url] [owner-address]
// The owner (the only minter) defaults to the node's first account, whose key is hardhat's well-known
// development key #0 (scripts/chain prints it).
const fs = require("fs");
const path = require("path");

const url = process.argv[2] || "http://127.0.0.1:8545";
let id = 0;
async function rpc(method, params) {
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", id: ++id, method, params }),
  });
  const body = await res.json();
  if (body.error) throw new Error(method + ": " + body.error.message);
  return body.result;
}

(async () => {
  const [from] = await rpc("eth_accounts", []);
  const owner = (process.argv[3] || from).toLowerCase().replace(/^0x/, "");
  const bin = fs.readFileSync(path.join(__dirname, "../src/main/resources/contracts/KhanaenCoupons.bin"), "utf8").trim();
  const data = "0x" + bin + owner.padStart(64, "0");
  const hash = await rpc("eth_sendTransaction", [{ from, data, gas: "0x" + (5_000_000).toString(16) }]);
  let receipt = null;
  for (let i = 0; i < 100 && !receipt; i++) {
    receipt = await rpc("eth_getTransactionReceipt", [hash]);
    if (!receipt) await new Promise((r) => setTimeout(r, 100));
  }
  if (!receipt || receipt.status !== "0x1") throw new Error("deployment failed: " + hash);
  console.log(receipt.contractAddress);
})().catch((e) => {
  console.error(e.message);
  process.exit(1);
});
