// The core's shared words (src-main/core): files refused, jobs, sizes.
export const core = {
  confine: {
    notName: 'The app only uses files inside {{root}}, and "{{asked}}" is not a name. Check the name and try again.',
    control: 'The app only uses files inside {{root}}, and "{{asked}}" contains control characters. Check the name and try again.',
    broken: 'The app only uses files inside {{root}}, and "{{asked}}" contains broken characters. Check the name and try again.',
    tooLong: 'The app only uses files inside {{root}}, and "{{asked}}" is too long. Check the name and try again.',
    nameTooLong: 'The app only uses files inside {{root}}, and "{{asked}}" has a name that is too long. Check the name and try again.',
    loop: 'The app only uses files inside {{root}}, and "{{asked}}" leads into a loop of symbolic links. Check the name and try again.',
    outside: 'The app only uses files inside {{root}}, and "{{asked}}" would lead outside it. Check the name and try again.'
  },
  jobs: {
    unknown: 'That job is not known. It may have finished before the app restarted.',
    unknownLongAgo: 'That job is not known. It may have finished long ago, or before the app restarted.'
  },
  limits: {
    folder: 'it is a folder, not a file',
    notOrdinary: 'it is not an ordinary file',
    tooBig: 'it is larger than {{size}}, the most the app reads from such a file'
  },
  size: {
    bytes: '{{n}} bytes',
    kB: '{{n}} kB',
    MB: '{{n}} MB',
    /** The decimal mark sizes are written with. */
    decimal: '.'
  }
}
