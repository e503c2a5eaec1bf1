// Integration files that must have the rig to themselves: they run one at a
// time, after the others (which run two at a time; see vitest.config.ts).
// Each is here for something every test shares. A new file that shows one of
// HAZARDS and is not listed fails unit test-solo.
export const INTEGRATION_SOLO: string[] = [
  // Engine 2, the "fresh server": reset, swarm joined or left, restarted, or apps moved to it.
  'test/integration/rig.test.ts',
  'test/integration/cli-backup.test.ts',
  'test/integration/cli-fixes.test.ts',
  'test/integration/apps-move.test.ts',
  'test/integration/compose-apply.test.ts',
  'test/integration/health-server.test.ts',
  'test/integration/servers.test.ts',
  // The rig's sshd: its host keys replaced, its users' settings and ~/.ssh changed.
  'test/integration/ssh-link.test.ts',
  'test/integration/ssh-new-key.test.ts',
  'test/integration/password-off.test.ts',
  'test/integration/apps-streams.test.ts',
  'test/integration/streams-owner.test.ts',
  'test/integration/backups-faults.test.ts',
  // The host's firewall rules.
  'test/integration/firewall.test.ts',
  // Removes the rig registry's images from engine 1 (as registry-deploy does, which runs beside others).
  'test/integration/deploy-pins.test.ts'
]

/** Signs in a file's text that it touches something shared (see above). */
export const HAZARDS: Array<{ sign: RegExp; what: string }> = [
  { sign: /\bdocker2\b|[eE]ngine2\b|resetDocker2/, what: 'engine 2' },
  { sign: /rotateSshdHostKeys|rig\.sshd\.(pidFile|configFile)/, what: "the rig's sshd" },
  { sign: /users\.(noKey|nodocker|sudo|root|noForwarding)\b/, what: "the rig's shared users" },
  // A command run on the host (not inside a node's own namespace through its sh()).
  { sign: /^(?!.*\.sh\().*(['"`]iptables['"`]|\biptables -)/m, what: "the host's firewall" },
  { sign: /rig\.registry\b|registry\.images\b/, what: "the rig registry's images on engine 1" },
  { sign: /list(Secrets|Services|Containers|Volumes|Networks|Configs)\(\)\)(\.Volumes \?\? \[\]\))?\.length/, what: 'a count of every object on an engine' }
]

/** Files allowed to run beside others despite a sign, and why. */
export const SOLO_EXCEPTIONS: Record<string, string> = {
  // The only file beside others that uses engine 2 (its dockerd cells restart it); no file that runs two at a time touches engine 2.
  'test/integration/faults-matrix.test.ts': 'engine 2',
  // The only file beside others that removes the registry's images from engine 1 to pull them again.
  'test/integration/registry-deploy.test.ts': "the rig registry's images on engine 1"
}
