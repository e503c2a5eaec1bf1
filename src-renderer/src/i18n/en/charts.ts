// The line charts' own words (components/charts/LineChart.tsx): their
// summary for screen readers, and the table behind "Show as table".
export const charts = {
  // Shown under the title; the picture is named by both ("Disk space used (/). Now 62%, …").
  summary: {
    hour: 'Now {{now}}, highest {{highest}} in the last hour',
    day: 'Now {{now}}, highest {{highest}} in the last 24 hours'
  },
  summaryStale: {
    hour: 'Last measured {{latest}} ({{when}}), highest {{highest}} in the last hour',
    day: 'Last measured {{latest}} ({{when}}), highest {{highest}} in the last 24 hours'
  },
  noData: 'Nothing measured yet',
  showTable: 'Show as table',
  time: 'Time',
  timeSpan: '{{from}} to {{to}}',
  average: 'Average',
  lowest: 'Lowest',
  highest: 'Highest'
}
