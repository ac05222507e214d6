// The local development chain (npx hardhat node, see scripts/chain). Contracts are compiled by
// scripts/compile.js with solcjs, not by hardhat.
module.exports = {
  networks: {
    hardhat: {
      chainId: 31337,
      hardfork: "cancun",
      // room for large mint batches (one batch of 500 coupons uses ~13 M gas)
      blockGasLimit: 100_000_000,
      // the chain's timestamps follow the clock; blocks are mined per transaction
      mining: { auto: true },
    },
  },
};
