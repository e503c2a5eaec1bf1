// Message keys as dotted paths ("servers.keyNotAccepted"), checked by the type
// checker against the English messages: a key used but never written fails
// `npm run build`. Plural forms (x_one, x_other…) are one key, x, used with
// { count }.
type PluralSuffix = 'zero' | 'one' | 'two' | 'few' | 'many' | 'other'
type Leaves<T, P extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${P}${K}` : Leaves<T[K], `${P}${K}.`>
}[keyof T & string]
type Unplural<K extends string> = K extends `${infer Base}_${PluralSuffix}` ? Base : K
export type KeysOf<T> = Unplural<Leaves<T>>

/**
 * The shape another language must have: every key of English, each a string,
 * and no key English lacks, so a missing or stray translation fails the type
 * check. (Languages with more plural forms than English add them under
 * `extraPlurals`, checked at run time by the unit test.)
 */
export type Translation<T> = { [K in keyof T]: T[K] extends string ? string : Translation<T[K]> }
