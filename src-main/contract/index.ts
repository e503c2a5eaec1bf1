export * from './contract'
export * from './schemas'
export * from './errors'
export * from './catalogue'
