import 'i18next'
import type { UiMessages } from './en'

// Makes t() check its keys against the English messages: a key that doesn't
// exist is a type error, and `npm run build` type-checks first.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'ui'
    resources: { ui: UiMessages }
  }
}
