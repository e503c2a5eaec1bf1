export const settings = {
  title: 'Settings',
  about: 'About this app',
  aboutError: 'The app could not read its own details',
  version: 'Version',
  abraDir: 'Where abra’s files are kept',
  appearance: 'Appearance',
  appearanceText: 'The app follows your computer’s light or dark setting.',
  language: 'Language',
  languageLabel: 'The app’s language',
  languageSystem: 'Same as this computer ({{language}})',
  languageHelp: 'Words, dates, sizes and numbers follow this choice. Messages from your servers’ own software stay as those programs write them.',
  languageSaved: 'Saved. The app now speaks {{language}}.',
  languageError: 'The language could not be saved'
}
