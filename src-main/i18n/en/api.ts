// The dispatch's own words (src-main/api); the schemas' messages are the contract's.
export const api = {
  noSuchMethod: 'The app asked for "{{method}}", which does not exist.',
  invalidRequest: 'The request was not valid.'
}
