// The line charts' own words (components/charts/LineChart.tsx): their
// summary for screen readers, and the table behind "Show as table".
export const charts = {
  summary: {
    hour: '{{title}}: now {{now}}, highest {{highest}} in the last hour',
    day: '{{title}}: now {{now}}, highest {{highest}} in the last 24 hours'
  },
  summaryStale: {
    hour: '{{title}}: last measured {{latest}} ({{when}}), highest {{highest}} in the last hour',
    day: '{{title}}: last measured {{latest}} ({{when}}), highest {{highest}} in the last 24 hours'
  },
  noData: '{{title}}: nothing measured yet',
  showTable: 'Show as table',
  time: 'Time',
  timeSpan: '{{from}} to {{to}}',
  average: 'Average',
  lowest: 'Lowest',
  highest: 'Highest'
}
