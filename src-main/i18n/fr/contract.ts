// See ../en/contract.ts: the French lives beside the English in the contract.
export { contractWordsFr as contract } from '../../contract/words'
