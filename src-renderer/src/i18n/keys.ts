/**
 * The shape another language must have: every key of English, each a string,
 * and no key English lacks, so a missing or stray translation fails the type
 * check (and with it `npm run build`). Plural forms are written as i18next
 * names them (x_one, x_other); a language with more forms adds them, and
 * test/unit/i18n-messages.test.ts checks each language has the forms its
 * plural rules use.
 */
export type Translation<T> = { [K in keyof T]: T[K] extends string ? string : Translation<T[K]> }
