// Files in an app's volumes (src-main/files/) and `app cp` (src-main/cli/app-cp.ts).
export const files = {
  none: 'none',
  outside: '“{{path}}” would leave the volume (where the app keeps its data), so nothing was done. Choose a file or folder inside it.',
  noVolume: '“{{name}}” is not one of {{domain}}’s volumes (where it keeps its data). Its volumes are: {{names}}.',
  noService: 'No service of {{domain}} uses the volume {{name}}, so its files can’t be reached. Deploy the app, then try again.',
  notRunningSeveral: '{{service}} is not running, and on a server with several machines the app can’t tell which machine keeps its files: start it, then try again.',
  notFound: '“{{path}}” is not there (any more). Refresh the list and choose again.',
  notFolder: '“{{path}}” is not a folder.',
  notAFile: '“{{path}}” is not a file or a folder, so it can’t be downloaded.',
  root: 'The volume itself can’t be deleted here: choose a file or folder inside it (the Volumes tab removes whole volumes).',
  commandFailed: 'The server could not look at the volume (exit code {{code}}). Try again; if it goes on, the app’s image may lack the usual commands (sh, stat, realpath).',
  cantRun: 'The server could not run a command in the {{service}} service to reach its volume. Check the server is reachable and try again.',
  tooMany: '“{{path}}” holds too many files to list here. Download it instead.',
  localRefused: 'Downloads from the window go to your Downloads folder; only the command line saves elsewhere.',
  hiddenRefused: '“{{path}}” is in a hidden folder of your home folder (such as .ssh), so it isn’t uploaded from the window.',
  localFolderMissing: 'The folder {{path}} doesn’t exist on this computer. Create it or choose another place.',
  localMissing: '{{path}} doesn’t exist on this computer.',
  localNotFile: '{{path}} is not a file: upload files one by one, or a .tar.gz of a folder.',
  sameName: 'Two of the files are called “{{name}}”; a folder holds only one file of a name. Upload them separately.',
  noFreeName: 'Your Downloads folder ({{dir}}) already has many files called {{name}}. Move some away and try again.',
  download: {
    title: 'Downloading {{name}} from {{domain}}',
    step: 'Downloading {{name}}',
    done: 'Saved as {{file}}',
    stalled: 'Nothing arrived from the server for {{seconds}} seconds, so the download of {{name}} was stopped and nothing was saved. Check the server is reachable and not overloaded, then try again.',
    cancelled: 'The download was cancelled; nothing was saved.',
    failed: 'Downloading {{name}} failed; nothing was saved. Check the server is reachable and try again.'
  },
  upload: {
    title_one: 'Uploading {{count}} file to {{domain}}',
    title_other: 'Uploading {{count}} files to {{domain}}',
    step_one: 'Uploading {{count}} file into {{where}}',
    step_other: 'Uploading {{count}} files into {{where}}',
    finish: 'Putting the files in place',
    done_one: 'Uploaded {{count}} file into {{where}}.',
    done_other: 'Uploaded {{count}} files into {{where}}.',
    stalled: 'Nothing could be sent to the server for {{seconds}} seconds, so the upload into {{where}} was stopped; the folder is as it was. Check the server is reachable and its disk is not full, then try again.',
    isFolder: 'There is already a folder called “{{name}}” in {{where}}, and a file can’t replace a folder, so nothing was uploaded. Rename the file or choose another folder, then try again.',
    cancelled: 'The upload was cancelled; the folder is as it was.',
    failed: 'Uploading into {{where}} failed; the folder is as it was. Check the server is reachable and try again.'
  },
  staging: {
    ownerGone: 'This page was closed or reloaded, so nothing was kept. Choose the files again.',
    tooBig: '{{name}} is bigger than {{limit}}, the most the browser can send at once. Use the command line (app cp) for it, or split it.',
    tooMany: 'At most {{count}} files can wait to be uploaded at once. Upload the ones already chosen first.',
    unknown: 'The file sent is no longer waiting to be uploaded (it was cancelled, sent already, or waited more than 15 minutes). Choose the files again.',
    busy: '{{name}} is already being sent. Wait for it, or choose the files again.',
    lengthRequired: 'The browser didn’t say how big the file is, so it wasn’t kept. Try again, or use another browser.',
    mismatch: '{{name}} didn’t arrive whole (its size changed while it was sent, or the connection dropped). Nothing was kept; try again.',
    incomplete: '{{name}} didn’t arrive whole: the transfer stopped. Nothing was kept; try again.',
    notReady: '{{name}} hasn’t fully arrived yet. Wait for it, then upload again.',
    refused: 'This upload didn’t come from Co-op Cloud Desktop’s own page, so it was refused. Reload the page and try again.',
    notFound: 'There is no such upload here.'
  },
  remove: {
    confirmMismatch: 'To delete it, confirm with its name: {{name}}. Nothing was deleted.'
  },
  cli: {
    usage: `  coopcloud-desktop app cp <domain> <service>:<path> <local>   (a folder comes as <name>.tar.gz)
  coopcloud-desktop app cp <domain> <local file> <service>:<folder>`,
    twoPaths: '"app cp" takes the domain, then what to copy and where: one of them <service>:<path> in the app, the other on this computer.',
    oneRemote: 'One of the two paths must be in the app (<service>:<path>, e.g. app:/data/file.txt) and the other on this computer.',
    absolute: 'Give the path in the app from its root, e.g. {{service}}:/data/file.txt.',
    noSuchService: '{{domain}} has no service {{service}} that keeps data in a volume. Its volumes are at: {{mounts}}.',
    notInVolume: 'Only files in the app’s volumes (where it keeps its data) are copied, and {{path}} is not in one. {{service}}’s volumes are at: {{mounts}}.',
    saved: 'Saved {{file}}',
    uploaded: 'Uploaded into {{where}}',
    failed: 'The copy failed.'
  }
}
