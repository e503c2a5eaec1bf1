// Long jobs: their progress (JobProgress.tsx), the sidebar's list of jobs
// (JobsIndicator.tsx), the job screen, and the words for a job's state.
export const jobs = {
  heading: 'Jobs',
  running_one: '{{count}} running',
  running_other: '{{count}} running',
  job: 'Job',
  unknown: 'This job is not known to the app. It may have ended before the app was restarted.',
  checkAgain: 'Check {{name}} again',
  status: {
    running: 'Running',
    done: 'Done',
    failed: 'Failed',
    cancelled: 'Cancelled'
  },
  progress: '{{title}}: progress',
  finished: 'Finished. Everything went well.',
  cancelled: 'The job was cancelled. Nothing more will be done; what already happened stays as it is.',
  failedTitle: '{{title}} failed',
  failed: 'The job failed.',
  cancelling: 'Cancelling…',
  cancelError: 'The job could not be cancelled',
  nothingLogged: 'Nothing logged yet.',
  log: 'Job log'
}
