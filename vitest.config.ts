import { defineConfig } from 'vitest/config'
import { INTEGRATION_SOLO } from './test/solo'

// Unit tests need nothing outside the process; integration and e2e tests use
// the real sshd/dockerd/chromium that test/rig starts (see scripts/test.mjs).
//
// Most integration tests spend their time waiting on the swarm (a task to
// start, a container to stop, an outage to end) with the computer nearly
// idle, so they run two at a time: each works only with what is its own
// (homes, cores, stacks with their own names on engine 1, its own sshd, relay,
// private engine or network-namespace swarm). The files in test/solo.ts touch
// something every test shares (engine 2, the rig's sshd and its users, the
// host's firewall, global counts) and run after, one at a time. unit
// test/unit/test-solo.test.ts fails when a file shows such a sign and is not
// listed there. faults-matrix is the one exception it allows: it restarts
// engine 2, but no file that runs beside it uses engine 2.
export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', include: ['test/unit/**/*.test.ts'], environment: 'node', sequence: { groupOrder: 0 } } },
      {
        test: {
          name: 'integration',
          sequence: { groupOrder: 1 },
          include: ['test/integration/**/*.test.ts'],
          exclude: INTEGRATION_SOLO,
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: true,
          maxWorkers: 2
        }
      },
      {
        test: {
          name: 'integration-solo',
          sequence: { groupOrder: 2 },
          include: INTEGRATION_SOLO,
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false
        }
      },
      {
        test: {
          name: 'e2e',
          sequence: { groupOrder: 3 },
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 180_000,
          hookTimeout: 180_000,
          fileParallelism: false
        }
      }
    ]
  }
})
