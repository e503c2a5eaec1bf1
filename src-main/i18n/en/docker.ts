// Why Docker on a server could not be reached (src-main/docker/errors.ts).
export const docker = {
  permission:
    'Your account on the server isn\'t allowed to use Docker. Ask the server\'s administrator to add it to the "docker" group (then reconnect), or connect as a user that can use Docker.',
  permissionUser:
    'The account "{{user}}" on the server isn\'t allowed to use Docker. Ask the server\'s administrator to add it to the "docker" group (then reconnect), or connect as a user that can use Docker.',
  missing: "Docker doesn't seem to be installed on the server. Install Docker there, then try again.",
  notRunning: "Docker is installed on the server but isn't running. Start it (for example: sudo systemctl start docker), then try again.",
  unreachable: "Docker on the server couldn't be reached. Check that it is installed and running, then try again."
}
