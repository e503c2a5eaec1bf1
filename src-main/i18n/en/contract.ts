// The contract's words (schema messages, the errors it words itself). They
// live in src-main/contract/words.ts, since the page checks values with the
// same schemas and may import only the contract; listed here so the core's
// catalogue and its checks (test/unit/i18n-messages.test.ts) include them.
export { contractWordsEn as contract } from '../../contract/words'
