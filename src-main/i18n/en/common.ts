export const common = {
  cancelled: 'Cancelled.',
  language: 'The app now speaks {{language}}.'
}
