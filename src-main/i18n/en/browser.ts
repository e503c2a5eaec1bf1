// Browser mode (src-main/browser): what the terminal says, and the plain pages a browser may show.
export const browser = {
  running: 'Co-op Cloud Desktop is running at:\n\n  {{url}}\n\nKeep this window open while you use it; press Ctrl+C to stop.',
  badPort: '--port must be a number from 0 to 65535.',
  couldNotStart: 'Co-op Cloud Desktop could not start: {{reason}}',
  wrongHost: 'Forbidden: wrong Host header.',
  methodNotAllowed: 'Method not allowed.',
  notFound: 'Not found.',
  badRequest: 'Bad request.',
  unreadable: 'The app sent a message the server could not read.'
}
